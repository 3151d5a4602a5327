package io.distgres.coordinator.routing;

import static io.distgres.coordinator.testing.SqlRows.joined;
import static org.assertj.core.api.Assertions.assertThat;

import io.distgres.coordinator.testing.EmbeddedClusterExtension;
import io.distgres.coordinator.testing.SqlStatements;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.util.PSQLException;

/**
 * The multi-shard and coordinator tiers through pgjdbc: each query over distributed tables
 * answers exactly as the same query over plain local copies of the rows (the broad corpus is
 * the differential suite; this covers the protocol paths, parameters, limits and errors).
 */
class MultiShardQueryIT {
    @RegisterExtension
    static final EmbeddedClusterExtension cluster = EmbeddedClusterExtension.cluster();

    @BeforeAll
    static void schema() throws SQLException {
        for (String suffix : List.of("", "_local")) {
            SqlStatements.execute(cluster.jdbcUrl(),
                    "CREATE TABLE ms_users" + suffix + " (user_id int PRIMARY KEY, name text, score numeric(10,2))",
                    "CREATE TABLE ms_orders" + suffix + " (order_id bigint, user_id int, amount numeric(12,2),"
                            + " status text, qty int)");
        }
        SqlStatements.execute(cluster.jdbcUrl(),
                "SELECT create_distributed_table('ms_users', 'user_id')",
                "SELECT create_distributed_table('ms_orders', 'user_id', colocate_with => 'ms_users')");
        for (String suffix : List.of("", "_local")) {
            SqlStatements.execute(cluster.jdbcUrl(),
                    "INSERT INTO ms_users" + suffix + " SELECT g, 'user ' || g, (g * 1.25)::numeric(10,2)"
                            + " FROM generate_series(1, 60) g",
                    "INSERT INTO ms_orders" + suffix + " SELECT g, g % 60 + 1, (g * 2.5)::numeric(12,2),"
                            + " CASE g % 3 WHEN 0 THEN 'new' WHEN 1 THEN 'paid' END, g % 5"
                            + " FROM generate_series(1, 600) g");
        }
    }

    private static List<String> both(String sql) throws SQLException {
        List<String> distributed = joined(cluster.jdbcUrl(), sql);
        List<String> local = joined(cluster.jdbcUrl(), sql.replace("ms_orders", "ms_orders_local")
                .replace("ms_users", "ms_users_local"));
        assertThat(distributed).as(sql).containsExactlyElementsOf(local);
        return distributed;
    }

    @Test
    void aggregatesGroupingOrderingAndLimitsMatchPostgres() throws SQLException {
        assertThat(both("SELECT count(*), sum(amount), avg(amount), avg(qty), min(status), max(qty) FROM ms_orders"))
                .singleElement().asString().startsWith("600|");
        both("SELECT status, count(*), sum(qty) FROM ms_orders GROUP BY status ORDER BY status NULLS FIRST");
        both("SELECT user_id, sum(amount) AS total FROM ms_orders GROUP BY user_id ORDER BY total DESC, 1 LIMIT 5");
        both("SELECT order_id, amount FROM ms_orders ORDER BY amount DESC, order_id LIMIT 4 OFFSET 3");
        both("SELECT count(DISTINCT status), string_agg(DISTINCT status, ',' ORDER BY status) FROM ms_orders");
        both("SELECT u.name, count(o.order_id) FROM ms_users u LEFT JOIN ms_orders o ON o.user_id = u.user_id"
                + " GROUP BY u.name HAVING count(o.order_id) > 9 ORDER BY 2 DESC, 1");
    }

    @Test
    void coordinatorTierRunsWhatShardsCannotAnswerAlone() throws SQLException {
        both("SELECT user_id, order_id, row_number() OVER (ORDER BY amount DESC, order_id) FROM ms_orders"
                + " ORDER BY 3 LIMIT 5");
        both("WITH totals AS (SELECT user_id, sum(amount) s FROM ms_orders GROUP BY user_id)"
                + " SELECT count(*), max(s) FROM totals");
        both("SELECT u.user_id FROM ms_users u WHERE u.score > (SELECT avg(score) FROM ms_users) ORDER BY 1 LIMIT 3");
        both("SELECT user_id FROM ms_users WHERE user_id < 4 UNION SELECT user_id FROM ms_orders"
                + " WHERE order_id < 3 ORDER BY 1");
    }

    @Test
    void statementsMayNameColumnsLikeTheCombineStepsOwnColumns() throws SQLException {
        // refused with 0A000 ("statements containing the reserved text __dg") while combine steps were text templates
        both("SELECT status AS __dg_x, count(*) AS __dgout0, sum(amount) AS __dg1 FROM ms_orders GROUP BY status"
                + " ORDER BY __dg_x NULLS FIRST");
        both("SELECT DISTINCT qty AS __dgh0 FROM ms_orders ORDER BY __dgh0 DESC LIMIT 3");
        // a sort key outside the select list travels as a hidden column, whose name must not be the user's
        both("SELECT amount AS __dgh0 FROM ms_orders ORDER BY qty, __dgh0 DESC, order_id LIMIT 4");
        both("SELECT o.order_id AS __dgrel0, u.name AS __dgi FROM ms_orders o JOIN ms_users u ON u.user_id = o.qty"
                + " ORDER BY 1 LIMIT 5");
        try (Connection c = DriverManager.getConnection(cluster.jdbcUrl()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT status AS __dg_x, count(*) FROM ms_orders GROUP BY 1")) {
            assertThat(rs.getMetaData().getColumnName(1)).isEqualTo("__dg_x");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"?prepareThreshold=1&binaryTransfer=true", "?preferQueryMode=simple",
            "?preferQueryMode=extendedForPrepared"})
    void parametersReachShardsAndTheCombineStep(String mode) throws SQLException {
        // keeps ?user=postgres: a login names a role that exists (the OS user, root here, does not)
        try (Connection c = DriverManager.getConnection(cluster.jdbcUrl() + "&" + mode.substring(1));
             PreparedStatement ps = c.prepareStatement("SELECT status, count(*) FROM ms_orders WHERE qty > ?"
                     + " GROUP BY status HAVING count(*) > ? ORDER BY 2 DESC LIMIT ?")) {
            for (int round = 0; round < 3; round++) {
                ps.setInt(1, 1);
                ps.setLong(2, 100);
                ps.setInt(3, 2);
                List<String> rows = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    ResultSetMetaData meta = rs.getMetaData();
                    assertThat(meta.getColumnName(2)).isEqualTo("count");
                    assertThat(meta.getColumnTypeName(2)).isEqualTo("int8");
                    while (rs.next()) {
                        rows.add(rs.getString(1) + "|" + rs.getLong(2));
                    }
                }
                assertThat(rows).containsExactlyElementsOf(joined(cluster.jdbcUrl(), "SELECT status, count(*) FROM"
                        + " ms_orders_local WHERE qty > 1 GROUP BY status HAVING count(*) > 100 ORDER BY 2 DESC LIMIT 2"));
            }
        }
    }

    @Test
    void emptyResultsStillDescribeTheirColumns() throws SQLException {
        try (Connection c = DriverManager.getConnection(cluster.jdbcUrl()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT order_id, amount FROM ms_orders LIMIT 0")) {
            assertThat(rs.getMetaData().getColumnCount()).isEqualTo(2);
            assertThat(rs.getMetaData().getColumnTypeName(2)).isEqualTo("numeric");
            assertThat(rs.next()).isFalse();
        }
    }

    @Test
    void multiShardUpdateAndDeleteCountEveryShardsRows() throws SQLException {
        try (Connection c = DriverManager.getConnection(cluster.jdbcUrl()); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE ms_events (user_id int, kind text)");
            s.execute("SELECT create_distributed_table('ms_events', 'user_id')");
            s.executeUpdate("INSERT INTO ms_events SELECT g, 'a' FROM generate_series(1, 100) g");
            assertThat(s.executeUpdate("UPDATE ms_events SET kind = 'b' WHERE user_id % 2 = 0")).isEqualTo(50);
            assertThat(s.executeUpdate("DELETE FROM ms_events WHERE kind = 'a'")).isEqualTo(50);
            assertThat(joined(cluster.jdbcUrl(), "SELECT kind, count(*) FROM ms_events GROUP BY kind"))
                    .containsExactly("b|50");
        }
    }

    @Test
    void rowLimitStopsGatheringWithAClearErrorAndTheSessionGoesOn() throws SQLException {
        try (Connection c = DriverManager.getConnection(cluster.jdbcUrl()); Statement s = c.createStatement()) {
            s.execute("SET distgres.coordinator_row_limit = 100");
            PSQLException error = org.junit.jupiter.api.Assertions.assertThrows(PSQLException.class,
                    () -> s.executeQuery("SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY amount) FROM ms_orders"));
            assertThat(error.getSQLState()).isEqualTo("54000");
            assertThat(error.getMessage()).contains("distgres.coordinator_row_limit");
            s.execute("SET distgres.coordinator_row_limit = 'lots'");
            PSQLException bad = org.junit.jupiter.api.Assertions.assertThrows(PSQLException.class,
                    () -> s.executeQuery("SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY amount) FROM ms_orders"));
            assertThat(bad.getSQLState()).isEqualTo("22023");
            s.execute("RESET distgres.coordinator_row_limit");
            try (ResultSet rs = s.executeQuery("SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY qty) FROM ms_orders")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(2);
            }
        }
    }

    @Test
    void createTableLikeADistributedTableMakesALocalTableOfItsShape() throws SQLException {
        SqlStatements.execute(cluster.jdbcUrl(), "CREATE TABLE ms_orders_copy (LIKE ms_orders)",
                "INSERT INTO ms_orders_copy SELECT * FROM ms_orders_local WHERE qty = 4");
        assertThat(joined(cluster.jdbcUrl(), "SELECT count(*) FROM ms_orders_copy"))
                .containsExactlyElementsOf(joined(cluster.jdbcUrl(), "SELECT count(*) FROM ms_orders_local WHERE qty = 4"));
        // a local table: the coordinator's PostgreSQL holds its rows
        assertThat(joined(cluster.coordinatorPostgresJdbcUrl(), "SELECT count(*) > 0 FROM ms_orders_copy"))
                .containsExactly("t");
    }

    @Test
    void workerErrorsKeepPostgresSqlState() {
        SqlStatements.assertSqlState(cluster.jdbcUrl(), "SELECT sum(100 / (qty - qty)) FROM ms_orders", "22012");
        SqlStatements.assertSqlState(cluster.jdbcUrl(), "SELECT status, sum(nosuch) FROM ms_orders GROUP BY 1",
                "42703");
    }
}
