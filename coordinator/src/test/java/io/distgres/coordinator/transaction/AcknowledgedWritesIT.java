package io.distgres.coordinator.transaction;

import static io.distgres.coordinator.testing.SqlStatements.execute;
import static org.assertj.core.api.Assertions.assertThat;

import io.distgres.coordinator.testing.EmbeddedClusterExtension;
import io.distgres.coordinator.testing.RawWireClient;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.PGConnection;

/**
 * A write distgres acknowledges is a write that stays: COPY, INSERT ... SELECT, multi-row INSERT
 * and multi-shard UPDATE/DELETE at every shard count, in autocommit and inside BEGIN, including
 * writes that touch only some nodes (or none). And a statement gets exactly one answer: its
 * CommandComplete only once every node has committed, or an ErrorResponse, never both.
 */
class AcknowledgedWritesIT {
    @RegisterExtension
    static final EmbeddedClusterExtension cluster = EmbeddedClusterExtension.cluster();

    private static final int ROWS = 40;

    @BeforeAll
    static void tables() throws SQLException {
        for (int shards : new int[] {1, 2, 32, 64, 128, 256}) {
            execute(cluster.jdbcUrl(),
                    "CREATE TABLE w" + shards + " (k int PRIMARY KEY, n text, v int NOT NULL DEFAULT 0)",
                    "SELECT create_distributed_table('w" + shards + "', 'k', shard_count := " + shards + ")");
        }
        execute(cluster.jdbcUrl(), "CREATE TABLE src (k int PRIMARY KEY, n text)",
                "INSERT INTO src SELECT g, 'src' FROM generate_series(1, " + ROWS + ") g");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 32, 64, 128, 256})
    void autocommitWritesStayAtEveryShardCount(int shards) throws Exception {
        String t = "w" + shards;
        try (Connection c = DriverManager.getConnection(cluster.jdbcUrl()); Statement s = c.createStatement()) {
            s.execute("TRUNCATE " + t);
            CopyRun copy = copyIn(c, t, "1\tx\n");
            assertThat(copy.rows()).isEqualTo(1);
            assertThat(count(s, t)).isEqualTo(1);
            assertThat(copyIn(c, t, "").rows()).isZero();
            assertThat(count(s, t)).isEqualTo(1);

            assertThat(s.executeUpdate("INSERT INTO " + t + " (k, n) SELECT 5, 'y'")).isEqualTo(1);
            assertThat(count(s, t)).isEqualTo(2);
            assertThat(s.executeUpdate("INSERT INTO " + t + " (k, n) SELECT k + 100, n FROM src")).isEqualTo(ROWS);
            assertThat(count(s, t)).isEqualTo(2 + ROWS);
            assertThat(s.executeUpdate("INSERT INTO " + t + " (k, n) SELECT k + 1000, n FROM src WHERE false"))
                    .isZero();

            assertThat(s.executeUpdate("INSERT INTO " + t + " (k, n) VALUES " + values(200, ROWS))).isEqualTo(ROWS);
            assertThat(count(s, t)).isEqualTo(2 + 2 * ROWS);

            assertThat(s.executeUpdate("UPDATE " + t + " SET v = v + 1")).isEqualTo(2 + 2 * ROWS);
            assertThat(sum(s, t)).isEqualTo(2 + 2 * ROWS);
            assertThat(s.executeUpdate("UPDATE " + t + " SET v = v + 1 WHERE k < 0")).isZero();
            assertThat(s.executeUpdate("DELETE FROM " + t + " WHERE k >= 200")).isEqualTo(ROWS);
            assertThat(count(s, t)).isEqualTo(2 + ROWS);
            assertThat(s.executeUpdate("DELETE FROM " + t + " WHERE k < 0")).isZero();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 32, 64, 128, 256})
    void writesInsideBeginCommitTogetherAndRollBackTogether(int shards) throws Exception {
        String t = "w" + shards;
        try (Connection c = DriverManager.getConnection(cluster.jdbcUrl()); Statement s = c.createStatement()) {
            s.execute("TRUNCATE " + t);
            for (String end : List.of("ROLLBACK", "COMMIT")) {
                s.execute("BEGIN");
                assertThat(copyIn(c, t, "1\tx\n").rows()).isEqualTo(1);
                assertThat(copyIn(c, t, "").rows()).isZero();
                assertThat(s.executeUpdate("INSERT INTO " + t + " (k, n) SELECT 5, 'y'")).isEqualTo(1);
                assertThat(s.executeUpdate("INSERT INTO " + t + " (k, n) SELECT k + 100, n FROM src"))
                        .isEqualTo(ROWS);
                assertThat(s.executeUpdate("INSERT INTO " + t + " (k, n) VALUES " + values(200, ROWS)))
                        .isEqualTo(ROWS);
                assertThat(s.executeUpdate("UPDATE " + t + " SET v = v + 1")).isEqualTo(2 + 2 * ROWS);
                assertThat(s.executeUpdate("DELETE FROM " + t + " WHERE k >= 200")).isEqualTo(ROWS);
                assertThat(count(s, t)).isEqualTo(2 + ROWS); // the transaction reads its own writes
                s.execute(end);
                assertThat(count(s, t)).isEqualTo(end.equals("COMMIT") ? 2 + ROWS : 0);
            }
            assertThat(sum(s, t)).isEqualTo(2 + ROWS);
        }
    }

    @Test
    void aCopyThatTouchesOneNodeOfManyCommitsInOnePhase() throws Exception {
        try (Connection c = DriverManager.getConnection(cluster.jdbcUrl()); Statement s = c.createStatement()) {
            s.execute("TRUNCATE w64");
            assertThat(copyIn(c, "w64", "7\tseven\n").rows()).isEqualTo(1);
            try (ResultSet rs = s.executeQuery("SELECT n FROM w64 WHERE k = 7")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("seven");
            }
            // inside a block: only the node that got rows takes part in the commit
            s.execute("BEGIN");
            assertThat(copyIn(c, "w64", "8\teight\n").rows()).isEqualTo(1);
            assertThat(copyIn(c, "w64", "").rows()).isZero();
            s.execute("COMMIT");
            s.execute("BEGIN");
            assertThat(s.executeUpdate("INSERT INTO w64 (k, n) SELECT 9, 'nine'")).isEqualTo(1);
            s.execute("COMMIT");
            assertThat(count(s, "w64")).isEqualTo(3);
        }
    }

    @Test
    void aWriteWhoseCommitFailsGetsOnlyAnErrorNeverCommandCompleteFirst() throws Exception {
        // a deferred constraint trigger on every shard: each write is refused when its node commits (or prepares)
        execute(cluster.jdbcUrl(),
                "CREATE TABLE wf (k int PRIMARY KEY, n text, v int NOT NULL DEFAULT 0)",
                "SELECT create_distributed_table('wf', 'k', shard_count := 8)",
                "INSERT INTO wf (k, n) VALUES (1, 'kept'), (2, 'kept'), (3, 'kept'), (4, 'kept')",
                "SELECT run_command_on_workers($$CREATE FUNCTION refuse_at_commit() RETURNS trigger"
                        + " LANGUAGE plpgsql AS 'BEGIN RAISE EXCEPTION ''refused at commit'' USING ERRCODE = ''23514'';"
                        + " END'$$)",
                "SELECT run_command_on_workers($$DO 'DECLARE r record; BEGIN FOR r IN SELECT relname FROM pg_class"
                        + " WHERE relname ~ ''^wf_[0-9]+$'' AND relkind = ''r'' LOOP EXECUTE format("
                        + "''CREATE CONSTRAINT TRIGGER refuse AFTER INSERT OR UPDATE OR DELETE ON %I DEFERRABLE"
                        + " INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION refuse_at_commit()'', r.relname);"
                        + " END LOOP; END'$$)");
        String rows = IntStream.rangeClosed(100, 100 + ROWS).mapToObj(k -> k + "\tx\n").collect(Collectors.joining());
        try (RawWireClient client = RawWireClient.connectAndStart(cluster.port())) {
            client.send(RawWireClient.query("COPY wf (k, n) FROM STDIN"));
            assertThat(client.read().type()).isEqualTo('G');
            client.send(RawWireClient.typed('d', rows.getBytes(StandardCharsets.UTF_8)), RawWireClient.typed('c'));
            assertSingleError(client.readUntilReady());
            // one row: one node, one-phase commit
            client.send(RawWireClient.query("COPY wf (k, n) FROM STDIN"));
            assertThat(client.read().type()).isEqualTo('G');
            client.send(RawWireClient.typed('d', "100\tx\n".getBytes(StandardCharsets.UTF_8)),
                    RawWireClient.typed('c'));
            assertSingleError(client.readUntilReady());
            for (String write : List.of("INSERT INTO wf (k, n) SELECT k + 100, n FROM src",
                    "INSERT INTO wf (k, n) VALUES " + values(100, ROWS), "UPDATE wf SET v = v + 1",
                    "DELETE FROM wf")) {
                client.send(RawWireClient.query(write));
                assertSingleError(client.readUntilReady());
            }
            // several statements in one query string: one implicit transaction; as PostgreSQL does, the
            // earlier statement completes, and the last one's CommandComplete would follow the commit
            client.send(RawWireClient.query("INSERT INTO wf (k, n) VALUES (300, 'a'), (301, 'b'), (302, 'c'), (303, 'd');"
                    + " UPDATE wf SET v = v + 1"));
            List<RawWireClient.Message> messages = client.readUntilReady();
            assertThat(messages.get(0).type()).as("messages: %s", messages).isEqualTo('C');
            assertSingleError(messages.subList(1, messages.size()));
        }
        try (Connection c = DriverManager.getConnection(cluster.jdbcUrl()); Statement s = c.createStatement()) {
            assertThat(count(s, "wf")).isEqualTo(4);
            assertThat(sum(s, "wf")).isZero();
        }
    }

    private static void assertSingleError(List<RawWireClient.Message> messages) {
        List<Character> types = messages.stream().map(RawWireClient.Message::type)
                .filter(type -> type != 'N').toList();
        assertThat(types).as("messages: %s", messages).containsExactly('E', 'Z');
        assertThat(messages.get(messages.size() - 2).field('C')).as("messages: %s", messages).isEqualTo("23514");
    }

    private record CopyRun(long rows) {
    }

    private static CopyRun copyIn(Connection c, String table, String data) throws Exception {
        long rows = c.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("COPY " + table + " (k, n) FROM STDIN", new StringReader(data));
        return new CopyRun(rows);
    }

    private static String values(int from, int count) {
        return IntStream.range(from, from + count).mapToObj(k -> "(" + k + ", 'v')").collect(Collectors.joining(", "));
    }

    private static long count(Statement s, String table) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long sum(Statement s, String table) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT coalesce(sum(v), 0) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
