package io.distgres.coordinator.pgwire;

import static io.distgres.coordinator.testing.RawWireClient.bind;
import static io.distgres.coordinator.testing.RawWireClient.describe;
import static io.distgres.coordinator.testing.RawWireClient.execute;
import static io.distgres.coordinator.testing.RawWireClient.parse;
import static io.distgres.coordinator.testing.RawWireClient.query;
import static io.distgres.coordinator.testing.RawWireClient.sync;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.distgres.coordinator.testing.EmbeddedClusterExtension;
import io.distgres.coordinator.testing.RawWireClient;
import io.distgres.coordinator.testing.RawWireClient.Message;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A prepared statement keeps the row type the client was told: after DDL changes it, running the
 * statement fails with PostgreSQL's "cached plan must not change result type" (0A000) instead of
 * sending rows that no longer match the RowDescription the client holds. pgjdbc heals on that
 * error in autocommit (it prepares the statement again), so its users see the new columns.
 */
class PreparedResultTypeIT {
    private static final String CHANGED = "cached plan must not change result type";

    @RegisterExtension
    static EmbeddedClusterExtension cluster = EmbeddedClusterExtension.cluster();

    @ParameterizedTest
    @MethodSource("io.distgres.coordinator.pgwire.TableKind#withEveryTarget")
    void namedStatementFailsOnceDdlChangedItsRowType(WireTarget target, TableKind kind) throws Exception {
        String table = table(target, kind, "raw");
        try (RawWireClient c = RawWireClient.connectAndStart(target.port(cluster))) {
            c.send(parse("star", "SELECT * FROM " + table + " WHERE id = 1"), describe('S', "star"), sync());
            assertThat(summary(c.readUntilReady())).containsExactly("1", "t", "T", "Z(I)");
            c.send(bind("", "star"), execute("", 0), sync());
            assertThat(summary(c.readUntilReady())).containsExactly("2", "D[1, a]", "C(SELECT 1)", "Z(I)");

            c.send(query("ALTER TABLE " + table + " ADD COLUMN extra int DEFAULT 7"));
            assertThat(summary(c.readUntilReady())).containsExactly("C(ALTER TABLE)", "Z(I)");

            c.send(bind("", "star"), execute("", 0), sync());
            List<Message> reply = c.readUntilReady();
            assertThat(summary(reply)).containsExactly("E(0A000)", "Z(I)");
            assertThat(reply.get(0).field('M')).isEqualTo(CHANGED);

            c.send(parse("again", "SELECT * FROM " + table + " WHERE id = 1"), bind("", "again"), execute("", 0), sync());
            assertThat(summary(c.readUntilReady())).as("a statement prepared after the change sees the new column")
                    .containsExactly("1", "2", "D[1, a, 7]", "C(SELECT 1)", "Z(I)");
        }
    }

    @ParameterizedTest
    @MethodSource("io.distgres.coordinator.pgwire.TableKind#withEveryTarget")
    void ddlThatKeepsTheRowTypeLeavesTheStatementUsable(WireTarget target, TableKind kind) throws Exception {
        String table = table(target, kind, "same_type");
        try (RawWireClient c = RawWireClient.connectAndStart(target.port(cluster))) {
            c.send(parse("star", "SELECT * FROM " + table + " WHERE id = 1"), describe('S', "star"), sync());
            c.readUntilReady();
            c.send(query("CREATE INDEX ON " + table + " (payload)"));
            assertThat(summary(c.readUntilReady())).containsExactly("C(CREATE INDEX)", "Z(I)");
            c.send(bind("", "star"), execute("", 0), sync());
            assertThat(summary(c.readUntilReady())).containsExactly("2", "D[1, a]", "C(SELECT 1)", "Z(I)");
        }
    }

    @ParameterizedTest
    @MethodSource("io.distgres.coordinator.pgwire.TableKind#withEveryTarget")
    void pgjdbcPreparesAgainInAutocommitAndFailsInsideATransaction(WireTarget target, TableKind kind) throws Exception {
        String table = table(target, kind, "jdbc");
        String url = target.jdbcUrl(cluster) + "&prepareThreshold=1&binaryTransfer=true";
        try (Connection c = DriverManager.getConnection(url);
             PreparedStatement select = c.prepareStatement("SELECT * FROM " + table + " WHERE id = ?")) {
            assertThat(row(select)).containsExactly("1", "a");
            assertThat(row(select)).as("named on the server by now").containsExactly("1", "a");
            alter(target, "ALTER TABLE " + table + " ADD COLUMN extra int DEFAULT 7");
            assertThat(row(select)).as("pgjdbc heals on 0A000 in autocommit").containsExactly("1", "a", "7");

            alter(target, "ALTER TABLE " + table + " ADD COLUMN more text DEFAULT 'm'");
            c.setAutoCommit(false);
            SQLException e = catchThrowableOfType(SQLException.class, () -> row(select));
            assertThat(e.getSQLState()).isEqualTo("0A000");
            assertThat(e.getMessage()).contains(CHANGED);
            c.rollback();
        }
    }

    @ParameterizedTest
    @EnumSource(WireTarget.class)
    void anotherSearchPathThatResolvesToAnotherRowTypeFailsTheStatement(WireTarget target) throws Exception {
        String a = (target == WireTarget.DISTGRES ? "dg_" : "plain_") + "path_a";
        String b = (target == WireTarget.DISTGRES ? "dg_" : "plain_") + "path_b";
        alter(target, "DROP SCHEMA IF EXISTS " + a + ", " + b + " CASCADE");
        alter(target, "CREATE SCHEMA " + a + "; CREATE TABLE " + a + ".rt (x int); INSERT INTO " + a + ".rt VALUES (1)");
        alter(target, "CREATE SCHEMA " + b + "; CREATE TABLE " + b + ".rt (x int, y int)");
        try (RawWireClient c = RawWireClient.connectAndStart(target.port(cluster))) {
            c.send(query("SET search_path = " + a + ", public"));
            c.readUntilReady();
            c.send(parse("star", "SELECT * FROM rt"), describe('S', "star"), bind("", "star"), execute("", 0), sync());
            assertThat(summary(c.readUntilReady())).containsExactly("1", "t", "T", "2", "D[1]", "C(SELECT 1)", "Z(I)");
            c.send(query("SET search_path = " + b + ", public"));
            c.readUntilReady();
            c.send(bind("", "star"), execute("", 0), sync());
            assertThat(summary(c.readUntilReady())).containsExactly("E(0A000)", "Z(I)");
        }
    }

    /** DDL straight on the coordinator's database: distgres cannot see it coming, and still sends no mismatched row. */
    @Test
    void ddlTheCoordinatorDidNotSeeNeverYieldsRowsOfAnotherShape() throws Exception {
        String table = table(WireTarget.DISTGRES, TableKind.LOCAL, "unseen");
        try (RawWireClient c = RawWireClient.connectAndStart(cluster.port())) {
            c.send(parse("star", "SELECT * FROM " + table + " WHERE id = 1"), describe('S', "star"), sync());
            assertThat(summary(c.readUntilReady())).containsExactly("1", "t", "T", "Z(I)");
            alter(WireTarget.POSTGRESQL, "ALTER TABLE " + table + " ADD COLUMN extra int DEFAULT 7");
            c.send(bind("", "star"), execute("", 0), sync());
            List<Message> reply = c.readUntilReady();
            assertThat(summary(reply)).containsExactly("2", "E(0A000)", "Z(I)");
            assertThat(reply.get(1).field('M')).isEqualTo(CHANGED);
        }
    }

    // ---- helpers ----

    /** A fresh table of this kind holding {@code (1, 'a')}. */
    private static String table(WireTarget target, TableKind kind, String name) throws SQLException {
        String table = kind.create(cluster, target, name);
        alter(target, "INSERT INTO " + table + " VALUES (1, 'a')");
        return table;
    }

    /** DDL from another client connection. */
    private static void alter(WireTarget target, String ddl) throws SQLException {
        try (Connection c = DriverManager.getConnection(target.jdbcUrl(cluster)); Statement s = c.createStatement()) {
            s.execute(ddl);
        }
    }

    private static List<String> row(PreparedStatement select) throws SQLException {
        select.setInt(1, 1);
        try (ResultSet rs = select.executeQuery()) {
            assertThat(rs.next()).isTrue();
            List<String> values = new ArrayList<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                values.add(rs.getString(i));
            }
            return values;
        }
    }

    private static List<String> summary(List<Message> messages) {
        return messages.stream().map(m -> m.type() == 'E' ? "E(" + m.field('C') + ")" : m.toString()).toList();
    }
}
