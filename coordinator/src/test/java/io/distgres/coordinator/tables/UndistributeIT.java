package io.distgres.coordinator.tables;

import static io.distgres.coordinator.testing.SqlRows.column;
import static io.distgres.coordinator.testing.SqlRows.joined;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.distgres.coordinator.testing.EmbeddedClusterExtension;
import io.distgres.coordinator.testing.SqlStatements;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.util.PSQLException;

/** undistribute_table through pgjdbc: rows back in the coordinator's table, catalog and shards gone. */
class UndistributeIT {
    private static final int ROWS = 3000;

    @RegisterExtension
    static final EmbeddedClusterExtension cluster = EmbeddedClusterExtension.cluster();

    @Test
    void distributedTableComesBackWithEveryRowIncludingRouterChanges() throws SQLException {
        execute("CREATE TABLE orders (id bigint PRIMARY KEY, customer int, note text, amount numeric(10,2),"
                        + " doubled bigint GENERATED ALWAYS AS (id * 2) STORED)",
                "INSERT INTO orders (id, customer, note, amount) SELECT g, g % 97, 'n' || g, g / 4.0"
                        + " FROM generate_series(1, " + ROWS + ") g",
                "UPDATE orders SET note = E'tab\\there back\\\\slash\\nnewline' WHERE id = 5",
                "UPDATE orders SET note = NULL WHERE id = 6",
                "SELECT create_distributed_table('orders', 'id')");
        Map<Long, String> expected = new TreeMap<>();
        for (long id = 1; id <= ROWS; id++) {
            expected.put(id, row(id, id % 97, "n" + id, new java.math.BigDecimal(id).divide(
                    new java.math.BigDecimal(4)).setScale(2, java.math.RoundingMode.UNNECESSARY).toPlainString()));
        }
        expected.put(5L, row(5, 5, "tab\there back\\slash\nnewline", "1.25"));
        expected.put(6L, row(6, 6, null, "1.50"));
        // changes through the router land in the shards only
        execute("UPDATE orders SET note = 'changed', amount = 999.99 WHERE id = 17",
                "UPDATE orders SET customer = -1 WHERE id IN (100, 2999)",
                "DELETE FROM orders WHERE id = 42",
                "INSERT INTO orders (id, customer, note, amount) VALUES (5000, 7, 'late', 0.01)");
        expected.put(17L, row(17, 17, "changed", "999.99"));
        expected.put(100L, row(100, -1, "n100", "25.00"));
        expected.put(2999L, row(2999, -1, "n2999", "749.75"));
        expected.remove(42L);
        expected.put(5000L, row(5000, 7, "late", "0.01"));
        List<String> shards = shardNames("orders");
        assertThat(shards).hasSize(32);

        List<String> notices = undistribute("orders");

        assertThat(notices).anyMatch(n -> n.contains("moved " + expected.size() + " row(s) of orders"));
        assertThat(contents(cluster.jdbcUrl(), "orders")).containsExactlyElementsOf(expected.values());
        assertThat(contents(cluster.coordinatorPostgresJdbcUrl(), "orders"))
                .containsExactlyElementsOf(expected.values());
        assertThat(column(cluster.jdbcUrl(), "SELECT sum(doubled) = 2 * sum(id) FROM orders")).containsExactly("t");
        assertNotDistributed("orders", shards);

        // ordinary local statements work on it again
        execute("UPDATE orders SET note = 'local' WHERE customer = -1", "DELETE FROM orders WHERE id > 4000");
        assertThat(column(cluster.jdbcUrl(), "SELECT count(*) FROM orders")).containsExactly(
                Integer.toString(expected.size() - 1));
        assertThat(column(cluster.jdbcUrl(), "SELECT string_agg(id::text, ',' ORDER BY id) FROM orders"
                + " WHERE note = 'local'")).containsExactly("100,2999");

        // and it can be distributed again, with its rows
        execute("SELECT create_distributed_table('orders', 'id', shard_count => 8)");
        assertThat(joined(cluster.jdbcUrl(), "SELECT citus_table_type, shard_count FROM citus_tables"
                + " WHERE table_name = 'orders'::regclass")).containsExactly("distributed|8");
        assertThat(column(cluster.jdbcUrl(), "SELECT note FROM orders WHERE id = 17")).containsExactly("changed");
        assertThat(column(cluster.coordinatorPostgresJdbcUrl(), "SELECT pg_relation_size('orders')"))
                .containsExactly("0");
    }

    @Test
    void referenceTableComesBackWithEveryRow() throws SQLException {
        execute("CREATE TABLE regions (code text PRIMARY KEY, name text)",
                "INSERT INTO regions VALUES ('de', 'Germany'), ('fr', 'France'), ('jp', E'\\u65e5\\u672c')",
                "SELECT create_reference_table('regions')",
                "INSERT INTO regions VALUES ('nz', 'New Zealand')");
        List<String> shards = shardNames("regions");
        assertThat(shards).hasSize(1);

        undistribute("regions");

        assertThat(joined(cluster.jdbcUrl(), "SELECT code, name FROM regions ORDER BY code"))
                .containsExactly("de|Germany", "fr|France", "jp|\u65e5\u672c", "nz|New Zealand");
        assertNotDistributed("regions", shards);
    }

    @Test
    void refusesTablesThatAreNotDistributedAndTransactionBlocks() throws SQLException {
        execute("CREATE TABLE plain (id int)", "CREATE TABLE kept (id int)", "INSERT INTO kept VALUES (1), (2)",
                "SELECT create_distributed_table('kept', 'id')");
        assertSqlState("SELECT undistribute_table('plain')", "42P16");
        assertSqlState("SELECT undistribute_table('no_such_table')", "42P01");
        try (Connection c = DriverManager.getConnection(cluster.jdbcUrl())) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                assertThatThrownBy(() -> s.execute("SELECT undistribute_table('kept')"))
                        .isInstanceOfSatisfying(PSQLException.class,
                                e -> assertThat(e.getSQLState()).isEqualTo("25001"));
            }
            c.rollback();
        }
        // nothing changed: still distributed, rows still in the shards
        assertThat(joined(cluster.jdbcUrl(), "SELECT citus_table_type FROM citus_tables"
                + " WHERE table_name = 'kept'::regclass")).containsExactly("distributed");
        assertThat(column(cluster.jdbcUrl(), "SELECT id FROM kept WHERE id = 2")).containsExactly("2");
        assertThat(column(cluster.coordinatorPostgresJdbcUrl(), "SELECT pg_relation_size('kept')")).containsExactly("0");
    }

    private static String row(long id, long customer, String note, String amount) {
        return id + "|" + customer + "|" + note + "|" + amount;
    }

    /** Every row as id|customer|note|amount, by id; NULL as "null". */
    private static List<String> contents(String jdbcUrl, String table) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl); Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT id, customer, note, amount FROM " + table + " ORDER BY id")) {
            while (rs.next()) {
                rows.add(row(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getBigDecimal(4).toPlainString()));
            }
        }
        return rows;
    }

    private static List<String> shardNames(String table) throws SQLException {
        return column(cluster.jdbcUrl(), "SELECT DISTINCT shard_name FROM citus_shards WHERE table_name = '"
                + table + "'::regclass ORDER BY 1");
    }

    private static void assertNotDistributed(String table, List<String> shards) throws SQLException {
        assertThat(column(cluster.jdbcUrl(), "SELECT count(*) FROM citus_tables WHERE table_name::text = '"
                + table + "'")).containsExactly("0");
        assertThat(column(cluster.jdbcUrl(), "SELECT count(*) FROM citus_shards WHERE table_name::text = '"
                + table + "'")).containsExactly("0");
        for (String worker : cluster.workerPostgresJdbcUrls()) {
            for (String shard : shards) {
                assertThat(column(worker, "SELECT to_regclass('" + shard + "') IS NULL")).as("%s on %s", shard, worker)
                        .containsExactly("t");
            }
        }
    }

    /** Runs undistribute_table and returns its NOTICE messages. */
    private static List<String> undistribute(String table) throws SQLException {
        List<String> notices = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(cluster.jdbcUrl()); Statement s = c.createStatement()) {
            s.execute("SELECT undistribute_table('" + table + "')");
            for (SQLWarning w = s.getWarnings(); w != null; w = w.getNextWarning()) {
                notices.add(w.getMessage());
            }
        }
        return notices;
    }

    private static void execute(String... statements) throws SQLException {
        SqlStatements.execute(cluster.jdbcUrl(), statements);
    }

    private static void assertSqlState(String sql, String sqlState) {
        SqlStatements.assertSqlState(cluster.jdbcUrl(), sql, sqlState);
    }
}
