package io.distgres.coordinator.routing;

import static io.distgres.coordinator.testing.SqlRows.column;
import static io.distgres.coordinator.testing.SqlRows.joined;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.distgres.coordinator.testing.EmbeddedClusterExtension;
import io.distgres.coordinator.testing.SqlStatements;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.util.PSQLException;

/**
 * What names mean, through pgjdbc: a table name follows the session's search_path exactly as in
 * PostgreSQL (a local table of the same name earlier on the path wins, wherever it was created), and
 * what distgres caches about names (distribution column types, aggregates) changes when the tables and
 * functions do.
 */
class NameResolutionIT {
    private static final Duration DEADLINE = Duration.ofSeconds(20);

    @RegisterExtension
    static final EmbeddedClusterExtension cluster = EmbeddedClusterExtension.cluster();

    @Test
    void aLocalTableEarlierOnTheSearchPathWinsOverADistributedOneOfTheSameName() throws Exception {
        execute("CREATE TABLE c1 (k int, v text)", "SELECT create_distributed_table('c1', 'k')",
                "INSERT INTO c1 VALUES (1, 'distributed')", "CREATE SCHEMA app");
        try (Connection c = DriverManager.getConnection(cluster.jdbcUrl()); Statement s = c.createStatement()) {
            s.execute("SET search_path = app, public");
            s.execute("CREATE TABLE c1 (k int, v text)");
            s.execute("INSERT INTO c1 VALUES (2, 'local')");
            s.execute("UPDATE c1 SET v = v || '!' WHERE k = 2");
            new org.postgresql.copy.CopyManager(c.unwrap(org.postgresql.core.BaseConnection.class))
                    .copyIn("COPY c1 FROM STDIN", new StringReader("3\tcopied\n"));
            assertThat(rows(s, "SELECT k, v FROM c1 ORDER BY k")).containsExactly("2|local!", "3|copied");
            assertThat(rows(s, "SELECT k, v FROM public.c1 ORDER BY k")).containsExactly("1|distributed");
            s.execute("DELETE FROM c1 WHERE k = 3");
            s.execute("RESET search_path");
            assertThat(rows(s, "SELECT k, v FROM c1 ORDER BY k")).containsExactly("1|distributed");
        }
        assertThat(joined(cluster.coordinatorPostgresJdbcUrl(), "SELECT k, v FROM app.c1")).containsExactly("2|local!");
    }

    @Test
    void namesAreFoldedAndCutAsPostgresqlReadsThem() throws SQLException {
        // PostgreSQL cuts an identifier to 63 bytes (here 31 two-byte letters) and folds only ASCII letters
        String longName = "ü".repeat(40);
        execute("CREATE TABLE " + longName + " (k int, v text)",
                "SELECT create_distributed_table('" + longName + "', 'k')",
                "INSERT INTO " + longName + " VALUES (1, 'long'), (2, 'long')",
                "CREATE TABLE \"Über\" (k int, v text)", "SELECT create_distributed_table('\"Über\"', 'k')",
                "INSERT INTO Über VALUES (3, 'upper')");
        try (Connection c = DriverManager.getConnection(cluster.jdbcUrl()); Statement s = c.createStatement()) {
            assertThat(rows(s, "SELECT k, v FROM " + longName + " ORDER BY k")).containsExactly("1|long", "2|long");
            assertThat(rows(s, "SELECT k, v FROM " + "ü".repeat(31) + " WHERE k = 2")).containsExactly("2|long");
            s.execute("UPDATE " + longName + " SET v = 'cut' WHERE k = 1");
            assertThat(rows(s, "SELECT k, v FROM ÜBER")).containsExactly("3|upper");
        }
        assertThat(column(cluster.jdbcUrl(), "SELECT v FROM " + longName + " WHERE k = 1")).containsExactly("cut");
    }

    @Test
    void aSchemaOffTheSearchPathIsNotSearched() throws SQLException {
        execute("CREATE TABLE c3 (k int)", "SELECT create_distributed_table('c3', 'k')", "CREATE SCHEMA elsewhere");
        try (Connection c = DriverManager.getConnection(cluster.jdbcUrl()); Statement s = c.createStatement()) {
            s.execute("SET search_path = elsewhere");
            assertThatThrownBy(() -> s.execute("INSERT INTO c3 VALUES (1)")).isInstanceOfSatisfying(
                    PSQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42P01"));
        }
        assertThat(column(cluster.jdbcUrl(), "SELECT count(*) FROM c3")).containsExactly("0");
    }

    @Test
    void aTableOfTheSameNameCreatedOutsideDistgresIsSeen() throws Exception {
        execute("CREATE TABLE c2 (k int)", "SELECT create_distributed_table('c2', 'k')",
                "INSERT INTO c2 SELECT generate_series(1, 5)", "CREATE SCHEMA side");
        try (Connection c = DriverManager.getConnection(cluster.jdbcUrl() + "&options=-c%20search_path%3Dside,public");
             Statement s = c.createStatement()) {
            assertThat(rows(s, "SELECT count(*) FROM c2")).containsExactly("5");
            // straight on the coordinator's PostgreSQL, not through distgres
            SqlStatements.execute(cluster.coordinatorPostgresJdbcUrl(), "CREATE TABLE side.c2 (k int)",
                    "INSERT INTO side.c2 VALUES (42)");
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            List<String> seen = rows(s, "SELECT count(*) FROM c2");
            while (!seen.equals(List.of("1")) && System.nanoTime() < deadline) {
                seen = rows(s, "SELECT count(*) FROM c2");
            }
            assertThat(seen).containsExactly("1");
            assertThat(rows(s, "SELECT k FROM c2")).containsExactly("42");
        }
    }

    @Test
    void redistributingByAnotherColumnRoutesByThatColumnsType() throws SQLException {
        execute("CREATE TABLE rekeyed (id int, code text)", "SELECT create_distributed_table('rekeyed', 'id')",
                "INSERT INTO rekeyed VALUES (1, 'one'), (2, 'two')");
        assertThat(column(cluster.jdbcUrl(), "SELECT code FROM rekeyed WHERE id = 1")).containsExactly("one");
        execute("SELECT undistribute_table('rekeyed')", "SELECT create_distributed_table('rekeyed', 'code')",
                "INSERT INTO rekeyed VALUES (3, 'three')");
        assertThat(column(cluster.jdbcUrl(), "SELECT id FROM rekeyed WHERE code = 'two'")).containsExactly("2");
        assertThat(column(cluster.jdbcUrl(), "SELECT id FROM rekeyed WHERE code = 'three'")).containsExactly("3");
        assertThat(column(cluster.jdbcUrl(), "SELECT count(*) FROM rekeyed")).containsExactly("3");
    }

    @Test
    void anAggregateCreatedAfterAStatementUsedItsNameIsCombinedAsOne() throws SQLException {
        execute("CREATE TABLE measured (k int, v int)", "SELECT create_distributed_table('measured', 'k')",
                "INSERT INTO measured SELECT g, g FROM generate_series(1, 40) g");
        String scalar = "CREATE FUNCTION total(int) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT $1'";
        execute(scalar, "SELECT run_command_on_workers($$" + scalar + "$$)");
        assertThat(column(cluster.jdbcUrl(), "SELECT total(v) FROM measured")).hasSize(40);

        String aggregate = "CREATE AGGREGATE total(int) (SFUNC = int4pl, STYPE = int)";
        execute("DROP FUNCTION total(int)", aggregate,
                "SELECT run_command_on_workers($$DROP FUNCTION total(int)$$)",
                "SELECT run_command_on_workers($$" + aggregate + "$$)");
        assertThat(column(cluster.jdbcUrl(), "SELECT total(v) FROM measured")).containsExactly("820");
    }

    private static List<String> rows(Statement s, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    row.append(i > 1 ? "|" : "").append(rs.getString(i));
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }

    private static void execute(String... statements) throws SQLException {
        SqlStatements.execute(cluster.jdbcUrl(), statements);
    }
}
