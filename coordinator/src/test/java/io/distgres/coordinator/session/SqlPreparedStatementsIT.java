package io.distgres.coordinator.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.distgres.coordinator.testing.EmbeddedClusterExtension;
import io.distgres.coordinator.testing.Psql;
import io.distgres.coordinator.testing.SqlRows;
import io.distgres.coordinator.testing.SqlStatements;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.util.PSQLException;

/**
 * SQL-level PREPARE / EXECUTE / DEALLOCATE through pgjdbc (every query mode) and psql, on
 * distributed and local tables, across the pooled connections a session uses.
 */
class SqlPreparedStatementsIT {
    @RegisterExtension
    static final EmbeddedClusterExtension cluster = EmbeddedClusterExtension.cluster();

    @BeforeAll
    static void schema() throws SQLException {
        SqlStatements.execute(cluster.jdbcUrl(),
                "CREATE TABLE items (id int PRIMARY KEY, name text, price numeric(10,2))",
                "SELECT create_distributed_table('items', 'id')",
                "INSERT INTO items VALUES (1, 'one', 1.10), (2, 'two', 2.20), (5, 'five', 5.50)",
                "CREATE TABLE locals (id int, name text)",
                "INSERT INTO locals VALUES (1, 'local one'), (2, 'local two')");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "&prepareThreshold=1&binaryTransfer=true", "&preferQueryMode=simple"})
    void prepareExecuteDeallocateOnADistributedTable(String mode) throws SQLException {
        try (Connection c = DriverManager.getConnection(cluster.jdbcUrl() + mode); Statement s = c.createStatement()) {
            s.execute("PREPARE find(int) AS SELECT name, price FROM items WHERE id = $1");
            assertThat(rows(s, "EXECUTE find(5)")).containsExactly("five|5.50");
            assertThat(rows(s, "EXECUTE find(1.6)")).as("1.6 rounds to 2 as an int parameter").containsExactly("two|2.20");
            assertThat(rows(s, "EXECUTE find('1'::int)")).containsExactly("one|1.10");
            assertThat(rows(s, "EXECUTE find(NULL)")).isEmpty();
            try (ResultSet rs = s.executeQuery("EXECUTE find(5)")) {
                assertThat(rs.getMetaData().getColumnTypeName(2)).isEqualTo("numeric");
            }
            s.execute("DEALLOCATE find");
            assertSqlState(s, "EXECUTE find(5)", "26000");
        }
    }

    /**
     * A statement's route is decided at PREPARE (or Parse) and kept: once its table is distributed
     * (the shell emptied), it must read the shards, not the shell it was prepared against.
     */
    @Test
    void statementsPreparedBeforeTheirTableWasDistributedReadTheShardsAfterwards() throws SQLException {
        SqlStatements.execute(cluster.jdbcUrl(), "CREATE TABLE later_distributed (id int PRIMARY KEY, name text)",
                "INSERT INTO later_distributed VALUES (1, 'one'), (2, 'two')");
        try (Connection c = DriverManager.getConnection(cluster.jdbcUrl() + "&prepareThreshold=1");
             Statement s = c.createStatement();
             java.sql.PreparedStatement parsed = c.prepareStatement(
                     "SELECT count(*) FROM later_distributed WHERE id > ?")) {
            s.execute("PREPARE later_count AS SELECT count(*) FROM later_distributed");
            assertThat(rows(s, "EXECUTE later_count")).containsExactly("2");
            parsed.setInt(1, 0);
            assertThat(count(parsed)).isEqualTo(2);

            SqlStatements.execute(cluster.jdbcUrl(), "SELECT create_distributed_table('later_distributed', 'id')",
                    "INSERT INTO later_distributed VALUES (3, 'three')");
            assertThat(rows(s, "EXECUTE later_count")).containsExactly("3");
            assertThat(count(parsed)).isEqualTo(3);
        }
    }

    private static long count(java.sql.PreparedStatement statement) throws SQLException {
        try (ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void prepareWithoutTypesInfersThemFromTheStatement() throws SQLException {
        try (Connection c = DriverManager.getConnection(cluster.jdbcUrl()); Statement s = c.createStatement()) {
            s.execute("PREPARE by_name AS SELECT id FROM items WHERE id = $1 AND name = $2");
            assertThat(rows(s, "EXECUTE by_name('2', 'two')")).containsExactly("2");
            assertThat(rows(s, "EXECUTE by_name(2, 'one')")).isEmpty();
            assertSqlState(s, "EXECUTE by_name('x', 'one')", "22P02");
            s.execute("DEALLOCATE by_name");
        }
    }

    @Test
    void preparedWritesWithReturning() throws SQLException {
        try (Connection c = DriverManager.getConnection(cluster.jdbcUrl()); Statement s = c.createStatement()) {
            s.execute("PREPARE add_item(int, text, numeric) AS INSERT INTO items VALUES ($1, $2, $3) RETURNING id");
            assertThat(rows(s, "EXECUTE add_item(40, 'forty', 4.005)")).containsExactly("40");
            assertThat(SqlRows.joined(cluster.jdbcUrl(), "SELECT name, price FROM items WHERE id = 40"))
                    .containsExactly("forty|4.01");
            s.execute("PREPARE rename(text, int) AS UPDATE items SET name = $1 WHERE id = $2");
            assertThat(s.executeUpdate("EXECUTE rename('FORTY', 40)")).isEqualTo(1);
            assertThat(SqlRows.column(cluster.jdbcUrl(), "SELECT name FROM items WHERE id = 40"))
                    .containsExactly("FORTY");
            s.execute("DEALLOCATE ALL");
            assertSqlState(s, "EXECUTE rename('x', 40)", "26000");
        }
    }

    @Test
    void localStatementsSurviveThePooledConnectionsOfTwoSessions() throws SQLException {
        try (Connection a = DriverManager.getConnection(cluster.jdbcUrl());
             Connection b = DriverManager.getConnection(cluster.jdbcUrl());
             Statement sa = a.createStatement(); Statement sb = b.createStatement()) {
            sa.execute("PREPARE local_name(int) AS SELECT name FROM locals WHERE id = $1");
            sb.execute("PREPARE local_name AS SELECT 'b''s own: ' || $1::text");
            for (int i = 0; i < 10; i++) {
                assertThat(rows(sa, "EXECUTE local_name(1)")).containsExactly("local one");
                assertThat(rows(sb, "EXECUTE local_name(" + i + ")")).containsExactly("b's own: " + i);
                sa.execute("BEGIN");
                assertThat(rows(sa, "EXECUTE local_name(2)")).containsExactly("local two");
                sa.execute("COMMIT");
            }
        }
    }

    @Test
    void errorsMatchPostgres() throws SQLException {
        try (Connection c = DriverManager.getConnection(cluster.jdbcUrl()); Statement s = c.createStatement()) {
            s.execute("PREPARE one_arg(int) AS SELECT name FROM items WHERE id = $1");
            assertSqlState(s, "PREPARE one_arg(int) AS SELECT 1", "42P05");
            assertThatThrownBy(() -> s.execute("EXECUTE one_arg(1, 2)")).isInstanceOfSatisfying(PSQLException.class,
                    e -> {
                        assertThat(e.getSQLState()).isEqualTo("42601");
                        assertThat(e.getServerErrorMessage().getDetail()).isEqualTo("Expected 1 parameters but got 2.");
                    });
            String bad = "PREPARE bad AS SELECT nosuch FROM items WHERE id = 1";
            assertThatThrownBy(() -> s.execute(bad)).isInstanceOfSatisfying(PSQLException.class, e -> {
                assertThat(e.getSQLState()).isEqualTo("42703");
                assertThat(e.getServerErrorMessage().getPosition()).isEqualTo(bad.indexOf("nosuch") + 1);
            });
            assertSqlState(s, "PREPARE bad2 AS CREATE TABLE x (a int)", "42601");
            assertSqlState(s, "PREPARE bad3(nosuchtype) AS SELECT 1", "42704");
            assertSqlState(s, "DEALLOCATE nosuch", "26000");
        }
    }

    @Test
    void argumentsMustBeConstants() throws SQLException {
        try (Connection c = DriverManager.getConnection(cluster.jdbcUrl()); Statement s = c.createStatement()) {
            s.execute("PREPARE at(timestamptz, int) AS SELECT $1::date, name FROM items WHERE id = $2");
            assertThat(rows(s, "EXECUTE at(timestamp with time zone '2024-05-06 10:00+00', -(-1))"))
                    .containsExactly("2024-05-06|one");
            assertThat(rows(s, "EXECUTE at(CAST('2024-01-02' AS date), +1)")).containsExactly("2024-01-02|one");
            for (String argument : List.of("now()", "(SELECT max(id) FROM items)", "id")) {
                assertThatThrownBy(() -> s.execute("EXECUTE at('2024-01-01', " + argument + ")")).as(argument)
                        .isInstanceOfSatisfying(PSQLException.class, e -> {
                            assertThat(e.getSQLState()).isEqualTo("0A000");
                            assertThat(e.getServerErrorMessage().getMessage()).contains(argument);
                        });
            }
        }
    }

    @Test
    void explainExecuteShowsTheDistributedPlan() throws SQLException {
        try (Connection c = DriverManager.getConnection(cluster.jdbcUrl()); Statement s = c.createStatement()) {
            s.execute("PREPARE plan_me(int) AS SELECT name FROM items WHERE id = $1");
            List<String> plan = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("EXPLAIN (COSTS OFF) EXECUTE plan_me(5)")) {
                while (rs.next()) {
                    plan.add(rs.getString(1));
                }
            }
            assertThat(plan.get(0)).isEqualTo("Custom Scan (distgres Adaptive)");
            assertThat(plan).contains("        Parameters: $1 = '5'");
        }
    }

    @Test
    void psqlRunsPrepareAndExecuteAsWritten() throws Exception {
        String output = Psql.run(Map.of(), List.of("-h", "127.0.0.1", "-p", Integer.toString(cluster.port()), "-U",
                "postgres", "-v", "ON_ERROR_STOP=1",
                "-c", "PREPARE p(int) AS SELECT name FROM items WHERE id = $1;",
                "-c", "EXECUTE p(5);",
                "-c", "PREPARE l AS SELECT name FROM locals ORDER BY id;",
                "-c", "EXECUTE l;",
                "-c", "DEALLOCATE p;"));
        assertThat(output).contains("PREPARE").contains("five").contains("local one").contains("local two")
                .contains("DEALLOCATE");
    }

    private static List<String> rows(Statement s, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    row.append(i == 1 ? "" : "|").append(rs.getString(i));
                }
                out.add(row.toString());
            }
        }
        return out;
    }

    private static void assertSqlState(Statement s, String sql, String sqlState) {
        assertThatThrownBy(() -> s.execute(sql)).as(sql).isInstanceOfSatisfying(PSQLException.class,
                e -> assertThat(e.getSQLState()).isEqualTo(sqlState));
    }
}
