package io.distgres.coordinator.pgwire;

import static io.distgres.coordinator.testing.RawWireClient.bind;
import static io.distgres.coordinator.testing.RawWireClient.close;
import static io.distgres.coordinator.testing.RawWireClient.describe;
import static io.distgres.coordinator.testing.RawWireClient.execute;
import static io.distgres.coordinator.testing.RawWireClient.parse;
import static io.distgres.coordinator.testing.RawWireClient.query;
import static io.distgres.coordinator.testing.RawWireClient.sync;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.distgres.coordinator.testing.EmbeddedClusterExtension;
import io.distgres.coordinator.testing.RawWireClient;
import io.distgres.coordinator.testing.RawWireClient.Message;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Extended query protocol sequences pgjdbc never sends, written byte by byte: row limits and
 * PortalSuspended, skipping to Sync after an error (with the right ReadyForQuery status), and the
 * errors for unknown or closed statements and portals. Expected replies are what PostgreSQL sends.
 */
class ExtendedProtocolIT {
    private static final String FIVE_ROWS = "SELECT g FROM generate_series(1, 5) g";
    /** Fails in Execute, not in Bind: PostgreSQL folds a constant 1/0 while planning, at Bind. */
    private static final String DIVIDE_BY_ZERO = "SELECT 1 / (random() * 0)::int";

    @RegisterExtension
    static EmbeddedClusterExtension cluster = EmbeddedClusterExtension.cluster();

    @ParameterizedTest
    @EnumSource(WireTarget.class)
    void executeWithRowLimitSuspendsThePortalThenSendsTheRest(WireTarget target) throws IOException {
        try (RawWireClient c = RawWireClient.connectAndStart(target.port(cluster))) {
            c.send(parse("", FIVE_ROWS), bind("", ""), execute("", 2), execute("", 2), execute("", 0), sync());
            assertThat(summary(c.readUntilReady())).containsExactly(
                    "1", "2", "D[1]", "D[2]", "s", "D[3]", "D[4]", "s", "D[5]", "C(SELECT 1)", "Z(I)");
        }
    }

    @ParameterizedTest
    @EnumSource(WireTarget.class)
    void namedPortalInATransactionResumesAcrossSyncs(WireTarget target) throws IOException {
        try (RawWireClient c = RawWireClient.connectAndStart(target.port(cluster))) {
            c.send(query("BEGIN"));
            assertThat(summary(c.readUntilReady())).containsExactly("C(BEGIN)", "Z(T)");
            c.send(parse("five", FIVE_ROWS), bind("cursor", "five"), execute("cursor", 3), sync());
            assertThat(summary(c.readUntilReady())).containsExactly("1", "2", "D[1]", "D[2]", "D[3]", "s", "Z(T)");
            c.send(execute("cursor", 1), sync());
            assertThat(summary(c.readUntilReady())).containsExactly("D[4]", "s", "Z(T)");
            c.send(execute("cursor", 0), sync());
            assertThat(summary(c.readUntilReady())).containsExactly("D[5]", "C(SELECT 1)", "Z(T)");
            c.send(query("COMMIT"));
            assertThat(summary(c.readUntilReady())).containsExactly("C(COMMIT)", "Z(I)");
        }
    }

    @ParameterizedTest
    @EnumSource(WireTarget.class)
    void errorInAPipelineSkipsEverythingUntilSync(WireTarget target) throws IOException {
        try (RawWireClient c = RawWireClient.connectAndStart(target.port(cluster))) {
            c.send(parse("fails", DIVIDE_BY_ZERO), bind("", "fails"), execute("", 0),
                    parse("skipped", "SELECT 2"), bind("", "skipped"), execute("", 0), sync());
            assertThat(summary(c.readUntilReady())).containsExactly("1", "2", "E(22012)", "Z(I)");

            c.send(describe('S', "skipped"), sync());
            assertThat(summary(c.readUntilReady())).as("the Parse after the error never ran")
                    .containsExactly("E(26000)", "Z(I)");
            c.send(bind("", "fails"), execute("", 0), sync());
            assertThat(summary(c.readUntilReady())).as("the statement parsed before the error stays")
                    .containsExactly("2", "E(22012)", "Z(I)");
            c.send(query("SELECT 3"));
            assertThat(summary(c.readUntilReady())).containsExactly("T", "D[3]", "C(SELECT 1)", "Z(I)");
        }
    }

    @ParameterizedTest
    @EnumSource(WireTarget.class)
    void executesBeforeOneSyncAreOneTransactionThatAnErrorRollsBack(WireTarget target) throws IOException {
        try (RawWireClient c = RawWireClient.connectAndStart(target.port(cluster))) {
            c.send(query("DROP TABLE IF EXISTS ext_pipeline; CREATE TABLE ext_pipeline (id int)"));
            c.readUntilReady();
            c.send(parse("", "INSERT INTO ext_pipeline VALUES (1)"), bind("", ""), execute("", 0),
                    parse("", DIVIDE_BY_ZERO), bind("", ""), execute("", 0), sync());
            assertThat(summary(c.readUntilReady())).containsExactly("1", "2", "C(INSERT 0 1)", "1", "2", "E(22012)", "Z(I)");
            c.send(query("SELECT count(*) FROM ext_pipeline"));
            assertThat(summary(c.readUntilReady())).as("the INSERT was rolled back with the pipeline")
                    .containsExactly("T", "D[0]", "C(SELECT 1)", "Z(I)");
        }
    }

    @ParameterizedTest
    @EnumSource(WireTarget.class)
    void errorInsideBeginLeavesTheTransactionFailedUntilRollback(WireTarget target) throws IOException {
        try (RawWireClient c = RawWireClient.connectAndStart(target.port(cluster))) {
            c.send(query("BEGIN"));
            assertThat(summary(c.readUntilReady())).containsExactly("C(BEGIN)", "Z(T)");
            c.send(parse("", DIVIDE_BY_ZERO), bind("", ""), execute("", 0), parse("", "SELECT 2"), bind("", ""),
                    execute("", 0), sync());
            assertThat(summary(c.readUntilReady())).containsExactly("1", "2", "E(22012)", "Z(E)");
            c.send(parse("", "SELECT 3"), bind("", ""), execute("", 0), sync());
            assertThat(summary(c.readUntilReady())).as("Parse already refuses in a failed transaction")
                    .containsExactly("E(25P02)", "Z(E)");
            c.send(parse("", "ROLLBACK"), bind("", ""), execute("", 0), sync());
            assertThat(summary(c.readUntilReady())).as("ROLLBACK is accepted in a failed transaction")
                    .containsExactly("1", "2", "C(ROLLBACK)", "Z(I)");
        }
    }

    @Test
    void pgjdbcRollsBackAFailedTransaction() throws SQLException {
        try (Connection c = DriverManager.getConnection(cluster.jdbcUrl()); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            assertThatThrownBy(() -> s.execute("SELECT 1/0")).isInstanceOf(SQLException.class)
                    .hasMessageContaining("division by zero");
            c.rollback();
            try (ResultSet rs = s.executeQuery("SELECT 'usable again'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("usable again");
            }
            c.commit();
        }
    }

    @ParameterizedTest
    @EnumSource(WireTarget.class)
    void describeOfAnUnknownStatementOrPortalFails(WireTarget target) throws IOException {
        try (RawWireClient c = RawWireClient.connectAndStart(target.port(cluster))) {
            c.send(describe('S', "never_parsed"), sync());
            assertThat(summary(c.readUntilReady())).containsExactly("E(26000)", "Z(I)");
            c.send(describe('P', "never_bound"), sync());
            assertThat(summary(c.readUntilReady())).containsExactly("E(34000)", "Z(I)");
            c.send(bind("", "never_parsed"), sync());
            assertThat(summary(c.readUntilReady())).containsExactly("E(26000)", "Z(I)");
        }
    }

    @ParameterizedTest
    @EnumSource(WireTarget.class)
    void executeOfAClosedPortalFails(WireTarget target) throws IOException {
        try (RawWireClient c = RawWireClient.connectAndStart(target.port(cluster))) {
            c.send(parse("one", "SELECT 1"), bind("p1", "one"), close('P', "p1"), execute("p1", 0), sync());
            assertThat(summary(c.readUntilReady())).containsExactly("1", "2", "3", "E(34000)", "Z(I)");
            c.send(close('S', "one"), bind("p2", "one"), sync());
            assertThat(summary(c.readUntilReady())).containsExactly("3", "E(26000)", "Z(I)");
            c.send(close('S', "not_there"), close('P', "not_there"), sync());
            assertThat(summary(c.readUntilReady())).as("closing what does not exist is no error")
                    .containsExactly("3", "3", "Z(I)");
        }
    }

    /** Each message as a short string: its type, with the SQLSTATE of an error, the tag, the row or the status. */
    private static List<String> summary(List<Message> messages) {
        return messages.stream().map(m -> m.type() == 'E' ? "E(" + m.field('C') + ")" : m.toString()).toList();
    }
}
