package io.distgres.coordinator.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.distgres.coordinator.testing.EmbeddedClusterExtension;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Statements of one shape with many constants, through pgjdbc's simple protocol (values written
 * in the text): after the first, each is routed by its fingerprint without a parse, and every key
 * must still reach the shard holding it, for integer and text keys, reads and writes.
 */
class FingerprintRoutingIT {
    private static final int KEYS = 300;

    @RegisterExtension
    static final EmbeddedClusterExtension cluster = EmbeddedClusterExtension.cluster();

    @BeforeAll
    static void schema() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE by_number (k int PRIMARY KEY, v text)");
            statement.execute("SELECT create_distributed_table('by_number', 'k')");
            statement.execute("CREATE TABLE by_name (k text PRIMARY KEY, v int, w int)");
            statement.execute("SELECT create_distributed_table('by_name', 'k')");
            statement.execute("INSERT INTO by_number SELECT g, 'n' || g FROM generate_series(1, " + KEYS + ") g");
            statement.execute("INSERT INTO by_name SELECT 'key ''' || g || '''', g, NULL FROM generate_series(1, " + KEYS + ") g");
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(cluster.jdbcUrl() + "&preferQueryMode=simple");
    }

    private static String single(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            assertThat(rows.next()).as(sql).isTrue();
            String value = rows.getString(1);
            assertThat(rows.next()).as(sql).isFalse();
            return value;
        }
    }

    @Test
    void everyIntegerKeyReadsItsOwnRow() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            for (int k = 1; k <= KEYS; k++) {
                assertThat(single(statement, "SELECT v FROM by_number WHERE k = " + k)).isEqualTo("n" + k);
                assertThat(single(statement, "SELECT v FROM by_number b WHERE v <> 'x' AND b.k = " + k))
                        .isEqualTo("n" + k);
            }
        }
    }

    @Test
    void everyTextKeyReadsItsOwnRowQuotesAndAll() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            for (int k = 1; k <= KEYS; k++) {
                assertThat(single(statement, "SELECT v FROM by_name WHERE k = 'key ''" + k + "'''"))
                        .isEqualTo(Integer.toString(k));
            }
        }
    }

    @Test
    void writesOfOneShapeLandOnTheirKeysShard() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            for (int k = 1; k <= KEYS; k++) {
                assertThat(statement.executeUpdate("UPDATE by_name SET w = " + (k * 10) + " WHERE k = 'key ''" + k + "'''"))
                        .isEqualTo(1);
            }
            assertThat(single(statement, "SELECT count(*) FROM by_name WHERE w = 10 * substring(k from 6 for length(k) - 6)::int"))
                    .isEqualTo(Integer.toString(KEYS));
        }
    }
}
