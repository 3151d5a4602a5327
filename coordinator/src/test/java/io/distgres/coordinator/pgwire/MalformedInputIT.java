package io.distgres.coordinator.pgwire;

import static io.distgres.coordinator.testing.RawWireClient.concat;
import static io.distgres.coordinator.testing.RawWireClient.cString;
import static io.distgres.coordinator.testing.RawWireClient.int16;
import static io.distgres.coordinator.testing.RawWireClient.int32;
import static io.distgres.coordinator.testing.RawWireClient.parse;
import static io.distgres.coordinator.testing.RawWireClient.query;
import static io.distgres.coordinator.testing.RawWireClient.startupPacket;
import static io.distgres.coordinator.testing.RawWireClient.sync;
import static io.distgres.coordinator.testing.RawWireClient.terminate;
import static io.distgres.coordinator.testing.RawWireClient.typed;
import static io.distgres.coordinator.testing.RawWireClient.untyped;
import static org.assertj.core.api.Assertions.assertThat;

import io.distgres.coordinator.config.ConfigKey;
import io.distgres.coordinator.testing.ActiveQueries;
import io.distgres.coordinator.testing.EmbeddedClusterExtension;
import io.distgres.coordinator.testing.RawWireClient;
import io.distgres.coordinator.testing.RawWireClient.Message;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.PGConnection;

/**
 * Hostile and malformed bytes on the coordinator's port, sent by hand over raw sockets. Each case
 * gets what PostgreSQL would answer (a FATAL ErrorResponse with its SQLSTATE, or a plain close
 * where PostgreSQL only logs), and after every case the server still serves: a fresh pgjdbc
 * connection and one opened before any attack both run {@code SELECT 1}.
 */
class MalformedInputIT {
    private static final int MAX_MESSAGE_BYTES = 1 << 20;

    @RegisterExtension
    static EmbeddedClusterExtension cluster = EmbeddedClusterExtension.cluster()
            .withSetting(ConfigKey.MAX_MESSAGE_BYTES, Integer.toString(MAX_MESSAGE_BYTES));

    private static Connection openedBefore;

    @BeforeAll
    static void openConnectionBeforeTheAttacks() throws SQLException {
        openedBefore = DriverManager.getConnection(cluster.jdbcUrl());
        try (Statement s = openedBefore.createStatement()) {
            s.execute("CREATE TABLE malformed_probe (id int)");
        }
    }

    @AfterAll
    static void closeConnection() throws SQLException {
        openedBefore.close();
    }

    @AfterEach
    void serverKeepsServing() throws SQLException {
        try (Connection fresh = DriverManager.getConnection(cluster.jdbcUrl())) {
            assertSelectOne(fresh);
        }
        assertSelectOne(openedBefore);
    }

    /** How PostgreSQL treats the bytes: it must answer with the error, or it may also just close. */
    enum Expect { ERROR_REQUIRED, ERROR_OR_CLOSE }

    static Stream<Arguments> startupPhaseAttacks() {
        return Stream.of(
                Arguments.of("startup length 7", concat(int32(7), new byte[] {0, 3, 0}), "08P01", Expect.ERROR_OR_CLOSE),
                Arguments.of("startup length 0", int32(0), "08P01", Expect.ERROR_OR_CLOSE),
                Arguments.of("startup length negative", concat(int32(-8), new byte[16]), "08P01", Expect.ERROR_OR_CLOSE),
                Arguments.of("startup length 10001", concat(int32(10_001), int32(3 << 16), new byte[64]), "08P01",
                        Expect.ERROR_OR_CLOSE),
                Arguments.of("protocol 2.0", startupPacket(2 << 16, Map.of("user", "postgres")), "0A000",
                        Expect.ERROR_REQUIRED),
                Arguments.of("protocol 9.9", startupPacket(9 << 16 | 9, Map.of("user", "postgres")), "0A000",
                        Expect.ERROR_REQUIRED),
                Arguments.of("startup without user", startupPacket(3 << 16, Map.of("database", "postgres")), "28000",
                        Expect.ERROR_REQUIRED),
                Arguments.of("unknown database", startupPacket(3 << 16, ordered("user", "postgres", "database",
                        "no_such_database")), "3D000", Expect.ERROR_REQUIRED),
                Arguments.of("cancel request too short", untyped(concat(int32(80877102), int32(1))), "08P01",
                        Expect.ERROR_OR_CLOSE),
                Arguments.of("startup parameter without terminator",
                        untyped(concat(int32(3 << 16), "user".getBytes())), "08P01", Expect.ERROR_OR_CLOSE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("startupPhaseAttacks")
    void malformedStartupIsRejected(String name, byte[] bytes, String sqlState, Expect expect) throws IOException {
        try (RawWireClient client = RawWireClient.connect(cluster.port())) {
            client.sendIgnoringClose(bytes);
            assertRejected(client.readUntilClosed(), sqlState, expect);
        }
    }

    static Stream<Arguments> sessionPhaseAttacks() {
        byte[] truncatedBind = typed('B', cString(""), cString(""), int16(0), int16(5), int32(1));
        byte[] parseWithMissingTypes = typed('P', cString(""), cString("SELECT $1"), int16(100), int32(23));
        return Stream.of(
                Arguments.of("typed length -1", concat(new byte[] {'Q'}, int32(-1), new byte[8]), Expect.ERROR_OR_CLOSE),
                Arguments.of("typed length 3", concat(new byte[] {'Q'}, int32(3), new byte[8]), Expect.ERROR_OR_CLOSE),
                Arguments.of("typed length 2^31-1", concat(new byte[] {'Q'}, int32(Integer.MAX_VALUE), new byte[8]),
                        Expect.ERROR_OR_CLOSE),
                Arguments.of("typed length over max.message.bytes",
                        concat(new byte[] {'Q'}, int32(MAX_MESSAGE_BYTES + 1), new byte[8]), Expect.ERROR_OR_CLOSE),
                Arguments.of("unknown type 'Z'", typed('Z'), Expect.ERROR_REQUIRED),
                Arguments.of("unknown type 0x00", typed('\0', new byte[4]), Expect.ERROR_REQUIRED),
                Arguments.of("truncated Bind", concat(parse("", "SELECT $1::int"), truncatedBind, sync()),
                        Expect.ERROR_REQUIRED),
                Arguments.of("Parse with more parameter types than bytes", concat(parseWithMissingTypes, sync()),
                        Expect.ERROR_REQUIRED),
                Arguments.of("Query string without terminator", concat(typed('Q', "SELECT 1".getBytes()), sync()),
                        Expect.ERROR_REQUIRED),
                Arguments.of("Execute with bytes past its end", concat(typed('E', cString(""), int32(0), new byte[3]),
                        sync()), Expect.ERROR_REQUIRED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sessionPhaseAttacks")
    void malformedMessageInSessionIsRejected(String name, byte[] bytes, Expect expect) throws IOException {
        try (RawWireClient client = RawWireClient.connectAndStart(cluster.port())) {
            client.sendIgnoringClose(bytes);
            assertRejected(readUntilClosedOrReadyAfterError(client), "08P01", expect);
        }
    }

    @Test
    void bytesAfterTerminateAreNeverRun() throws Exception {
        try (RawWireClient client = RawWireClient.connectAndStart(cluster.port())) {
            client.sendIgnoringClose(terminate(), query("INSERT INTO malformed_probe VALUES (1)"), new byte[] {'?', 1, 2});
            assertThat(client.readUntilClosed()).isEmpty();
        }
        assertThat(probeRows()).isZero();
    }

    @ParameterizedTest(name = "closed after {0} of the message")
    @ValueSource(ints = {1, 3, 5, 20})
    void connectionClosedMidMessageRunsNothing(int bytesSent) throws Exception {
        byte[] insert = query("INSERT INTO malformed_probe VALUES (2)");
        try (RawWireClient client = RawWireClient.connectAndStart(cluster.port())) {
            client.send(Arrays.copyOf(insert, bytesSent));
            client.shutdownOutput();
            assertThat(client.readUntilClosed()).isEmpty();
        }
        assertThat(probeRows()).isZero();
    }

    @Test
    void connectionClosedMidStartupIsForgotten() throws Exception {
        byte[] startup = startupPacket(3 << 16, Map.of("user", "postgres", "database", "postgres"));
        try (RawWireClient client = RawWireClient.connect(cluster.port())) {
            client.send(Arrays.copyOf(startup, startup.length - 5));
            client.shutdownOutput();
            assertThat(client.readUntilClosed()).isEmpty();
        }
    }

    @Test
    void cancelRequestWithBogusKeyClosesAndCancelsNothing() throws Exception {
        int victimPid = openedBefore.unwrap(PGConnection.class).getBackendPID();
        CompletableFuture<Object> sleeping = CompletableFuture.supplyAsync(() -> {
            try (Statement s = openedBefore.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_sleep(1.5), 'slept'")) {
                rs.next();
                return rs.getString(2);
            } catch (SQLException e) {
                return e;
            }
        });
        ActiveQueries.awaitActive(cluster.coordinatorPostgresJdbcUrl(), "pg_sleep(1.5)", Duration.ofSeconds(10));
        for (int bogusKey : new int[] {0, -1, 12345}) {
            try (RawWireClient client = RawWireClient.connect(cluster.port())) {
                client.send(untyped(concat(int32(80877102), int32(victimPid), int32(bogusKey))));
                assertThat(client.readUntilClosed()).as("a CancelRequest gets no answer").isEmpty();
            }
        }
        assertThat(sleeping.get(10, TimeUnit.SECONDS)).as("the statement was not canceled").isEqualTo("slept");
    }

    @ParameterizedTest(name = "request code {0}")
    @ValueSource(ints = {80877103, 80877104})
    void encryptionRequestGetsNAndStartupContinuesOnTheSameSocket(int requestCode) throws IOException {
        try (RawWireClient client = RawWireClient.connect(cluster.port())) {
            client.send(untyped(int32(requestCode)));
            assertThat((char) client.readByte()).isEqualTo('N');
            client.startup(ordered("user", "postgres", "database", "postgres"));
            List<Message> greeting = client.readUntilReady();
            assertThat(greeting.get(0).type()).as("AuthenticationOk").isEqualTo('R');
            assertThat(greeting).extracting(Message::type).contains('S', 'K');
            assertThat(greeting.get(greeting.size() - 1).status()).isEqualTo('I');

            client.send(query("SELECT 1"));
            assertThat(client.readUntilReady()).extracting(Message::toString)
                    .containsExactly("T", "D[1]", "C(SELECT 1)", "Z(I)");
        }
    }

    @ParameterizedTest(name = "query \"{0}\"")
    @ValueSource(strings = {"", "   ", ";", " ; ;", "-- only a comment"})
    void emptyQueryGetsEmptyQueryResponse(String sql) throws IOException {
        try (RawWireClient client = RawWireClient.connectAndStart(cluster.port())) {
            client.send(query(sql));
            assertThat(client.readUntilReady()).extracting(Message::toString).containsExactly("I", "Z(I)");
        }
    }

    /** The messages up to the close, or up to the ReadyForQuery that follows a non-fatal error. */
    private static List<Message> readUntilClosedOrReadyAfterError(RawWireClient client) throws IOException {
        List<Message> messages = new ArrayList<>();
        boolean errorSeen = false;
        try {
            while (true) {
                Message message = client.read();
                messages.add(message);
                errorSeen |= message.type() == 'E';
                if (errorSeen && message.type() == 'Z') {
                    return messages;
                }
            }
        } catch (EOFException | SocketException e) {
            return messages;
        }
    }

    private static void assertRejected(List<Message> replies, String sqlState, Expect expect) {
        List<Message> errors = replies.stream().filter(m -> m.type() == 'E').toList();
        if (expect == Expect.ERROR_REQUIRED) {
            assertThat(errors).as("replies %s", replies).hasSize(1);
        } else {
            assertThat(errors).as("replies %s", replies).hasSizeLessThanOrEqualTo(1);
        }
        if (errors.isEmpty()) {
            return;
        }
        Message error = errors.get(0);
        assertThat(error.field('C')).as("SQLSTATE of %s", error).isEqualTo(sqlState);
        assertThat(error.field('M')).isNotBlank();
        Message last = replies.get(replies.size() - 1);
        if ("FATAL".equals(error.field('S'))) {
            assertThat(last).as("a FATAL error is the last message before the close").isSameAs(error);
        } else {
            assertThat(error.field('S')).isEqualTo("ERROR");
            assertThat(last.toString()).as("an ERROR is followed by ReadyForQuery after Sync").isEqualTo("Z(I)");
        }
    }

    private static void assertSelectOne(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(1);
        }
    }

    private static long probeRows() throws SQLException {
        try (Connection c = DriverManager.getConnection(cluster.jdbcUrl()); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM malformed_probe")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Map<String, String> ordered(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
