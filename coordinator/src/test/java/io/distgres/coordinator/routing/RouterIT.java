package io.distgres.coordinator.routing;

import static io.distgres.coordinator.testing.SqlRows.column;
import static io.distgres.coordinator.testing.SqlRows.joined;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.distgres.coordinator.testing.EmbeddedClusterExtension;
import io.distgres.coordinator.testing.Psql;
import io.distgres.coordinator.testing.SqlStatements;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
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
 * The router tiers through real clients: the seed article's example in psql, pgjdbc in every
 * protocol mode, multi-row INSERTs split by shard, upserts, RETURNING, co-located joins and
 * reference tables — each answer checked against a plain local copy of the same rows.
 */
class RouterIT {
    @RegisterExtension
    static final EmbeddedClusterExtension cluster = EmbeddedClusterExtension.cluster();

    @BeforeAll
    static void schema() throws SQLException {
        execute("CREATE TABLE messages (id bigserial, user_id bigint NOT NULL, content text,"
                        + " created_at timestamptz DEFAULT now(), PRIMARY KEY (user_id, id))",
                "SELECT create_distributed_table('messages', 'user_id')",
                "CREATE TABLE users (user_id bigint PRIMARY KEY, name text, country text)",
                "SELECT create_distributed_table('users', 'user_id')",
                "CREATE TABLE countries (code text PRIMARY KEY, name text)",
                "SELECT create_reference_table('countries')",
                "CREATE TABLE messages_local (user_id bigint, content text)");
    }

    @Test
    void seedArticleExampleWorksInPsqlAsWritten() throws Exception {
        execute("INSERT INTO messages (user_id, content) VALUES (12345, 'Hello from the seed'), (54321, 'other')");
        String output = Psql.run(Map.of(), List.of("-h", "127.0.0.1", "-p", Integer.toString(cluster.port()), "-U",
                "postgres", "-v", "ON_ERROR_STOP=1", "-c", "SELECT * FROM messages WHERE user_id = 12345;"));
        assertThat(output).contains("Hello from the seed").contains("(1 row)").doesNotContain("other");
    }

    @ParameterizedTest
    @ValueSource(strings = {"&prepareThreshold=0", "&prepareThreshold=1&binaryTransfer=true",
            "&preferQueryMode=simple"})
    void multiRowInsertsSpanShardsAndEveryKeyReadsBackItsOwnRows(String mode) throws SQLException {
        long base = Math.abs((long) mode.hashCode()) % 1_000_000 * 1000;
        try (Connection c = DriverManager.getConnection(cluster.jdbcUrl() + mode)) {
            StringBuilder values = new StringBuilder();
            for (int i = 0; i < 200; i++) {
                values.append(i == 0 ? "" : ", ").append("(").append(base + i % 40).append(", 'v").append(i).append("')");
            }
            try (Statement s = c.createStatement()) {
                assertThat(s.executeUpdate("INSERT INTO messages (user_id, content) VALUES " + values)).isEqualTo(200);
                s.executeUpdate("INSERT INTO messages_local (user_id, content) VALUES " + values);
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT content FROM messages WHERE user_id = ? ORDER BY content")) {
                for (int key = 0; key < 40; key++) {
                    ps.setLong(1, base + key);
                    assertThat(strings(ps)).containsExactlyElementsOf(column(cluster.jdbcUrl(),
                            "SELECT content FROM messages_local WHERE user_id = " + (base + key) + " ORDER BY content"));
                }
            }
        }
        // ids come from the coordinator's sequence: unique across shards
        assertThat(column(cluster.coordinatorPostgresJdbcUrl(), "SELECT last_value >= 200 FROM messages_id_seq"))
                .containsExactly("t");
    }

    @Test
    void upsertReturningUpdateAndDeleteRouteToTheKeysShard() throws SQLException {
        try (Connection c = DriverManager.getConnection(cluster.jdbcUrl())) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO users VALUES (?, ?, ?)"
                    + " ON CONFLICT (user_id) DO UPDATE SET name = EXCLUDED.name RETURNING user_id, name")) {
                ps.setLong(1, 77);
                ps.setString(2, "first");
                ps.setString(3, "de");
                assertThat(strings(ps, 2)).containsExactly("77|first");
                ps.setString(2, "second");
                assertThat(strings(ps, 2)).containsExactly("77|second");
            }
            try (Statement s = c.createStatement()) {
                assertThat(s.executeUpdate("UPDATE users SET country = 'fr' WHERE user_id = 77")).isEqualTo(1);
                assertThat(s.executeUpdate("INSERT INTO users VALUES (78, 'x', 'de'), (79, 'y', 'de')")).isEqualTo(2);
                assertThat(s.executeUpdate("DELETE FROM users WHERE user_id IN (78, 79, 80)")).isEqualTo(2);
            }
        }
        assertThat(joined(cluster.jdbcUrl(), "SELECT user_id, name, country FROM users WHERE user_id = 77"))
                .containsExactly("77|second|fr");
        // several shards without a combine step: rows are concatenated
        assertThat(column(cluster.jdbcUrl(), "SELECT user_id FROM users WHERE user_id IN (77, 78, 79)"))
                .containsExactly("77");
    }

    @Test
    void colocatedJoinWithAReferenceTableRunsOnOneWorker() throws SQLException {
        execute("INSERT INTO countries VALUES ('jp', 'Japan'), ('it', 'Italy')",
                "INSERT INTO users VALUES (500, 'Aiko', 'jp')",
                "INSERT INTO messages (user_id, content) VALUES (500, 'konnichiwa'), (500, 'ciao')");
        assertThat(joined(cluster.jdbcUrl(), "SELECT u.name, c.name, m.content FROM users u"
                + " JOIN messages m ON m.user_id = u.user_id JOIN countries c ON c.code = u.country"
                + " WHERE u.user_id = 500 ORDER BY m.content"))
                .containsExactly("Aiko|Japan|ciao", "Aiko|Japan|konnichiwa");
        // the reference table's rows reached every placement
        for (String worker : cluster.workerPostgresJdbcUrls()) {
            List<String> shard = column(cluster.jdbcUrl(), "SELECT shard_name FROM citus_shards"
                    + " WHERE table_name = 'countries'::regclass LIMIT 1");
            assertThat(column(worker, "SELECT count(*) FROM " + shard.get(0) + " WHERE code IN ('jp', 'it')"))
                    .containsExactly("2");
        }
    }

    @Test
    void whatTheRouterCannotPlanFailsWith0A000AndNothingChanges() throws SQLException {
        execute("INSERT INTO messages (user_id, content) VALUES (9001, 'keep')");
        for (String sql : List.of("SELECT * FROM messages WHERE content = 'keep' FOR UPDATE",
                "UPDATE messages m SET content = 'lost' FROM users u WHERE u.name = m.content",
                "INSERT INTO messages (user_id, content) SELECT user_id, content FROM messages_local RETURNING id")) {
            assertThatThrownBy(() -> execute(sql)).as(sql).isInstanceOfSatisfying(PSQLException.class,
                    e -> assertThat(e.getSQLState()).isEqualTo("0A000"));
        }
        assertThat(column(cluster.jdbcUrl(), "SELECT content FROM messages WHERE user_id = 9001"))
                .containsExactly("keep");
    }

    @Test
    void badKeysGetPostgresErrors() {
        assertSqlState("INSERT INTO messages (content) VALUES ('no key')", "23502");
        assertSqlState("INSERT INTO messages (user_id, content) VALUES (NULL, 'x')", "23502");
        assertSqlState("SELECT * FROM messages WHERE user_id = 'abc'", "22P02");
        assertSqlState("SELECT * FROM messages WHERE user_id = 99999999999999999999", "22003");
        assertSqlState("SELECT no_such_column FROM messages WHERE user_id = 1", "42703");
        assertSqlState("INSERT INTO users VALUES (1, 'a', 'de'), (1, 'b', 'de')", "23505");
    }

    @Test
    void insertSelectFromGenerateSeriesIsEvaluatedOnTheCoordinatorAndRouted() throws SQLException {
        try (Connection c = DriverManager.getConnection(cluster.jdbcUrl());
             PreparedStatement ps = c.prepareStatement("INSERT INTO users (user_id, name) SELECT g, 'bulk ' || g"
                     + " FROM generate_series(?::int, ?::int) g")) {
            ps.setInt(1, 10_001);
            ps.setInt(2, 11_000);
            assertThat(ps.executeUpdate()).isEqualTo(1000);
        }
        assertThat(joined(cluster.jdbcUrl(), "SELECT name FROM users WHERE user_id = 10500")).containsExactly("bulk 10500");
        long total = 0;
        for (String shard : joined(cluster.jdbcUrl(), "SELECT shard_name, nodeport FROM citus_shards"
                + " WHERE table_name = 'users'::regclass")) {
            String[] f = shard.split("\\|");
            String worker = cluster.workerPostgresJdbcUrls().stream().filter(u -> u.contains(":" + f[1] + "/"))
                    .findFirst().orElseThrow();
            total += Long.parseLong(column(worker, "SELECT count(*) FROM " + f[0]
                    + " WHERE user_id BETWEEN 10001 AND 11000").get(0));
        }
        assertThat(total).isEqualTo(1000);
    }

    @Test
    void insertSelectOfFewerColumnsFillsTheRestWithTheirDefaults() throws SQLException {
        execute("CREATE TABLE members (id int PRIMARY KEY, name text, created_at timestamptz NOT NULL DEFAULT now(),"
                        + " active boolean DEFAULT true, seq bigserial)",
                "SELECT create_distributed_table('members', 'id')",
                "INSERT INTO members SELECT g, 'n' FROM generate_series(1, 10) g");
        assertThat(joined(cluster.jdbcUrl(), "SELECT count(*), count(created_at), bool_and(active),"
                + " count(DISTINCT seq) FROM members")).containsExactly("10|10|t|10");
        // a count PostgreSQL refuses is refused with its error, not a COPY's
        assertThatThrownBy(() -> execute("INSERT INTO members SELECT g, 'n', now(), true, 1, 2"
                + " FROM generate_series(11, 12) g")).isInstanceOfSatisfying(PSQLException.class, e -> {
                    assertThat(e.getSQLState()).isEqualTo("42601");
                    assertThat(e.getMessage()).contains("INSERT has more expressions than target columns")
                            .doesNotContain("COPY");
                });
        assertSqlState("INSERT INTO members (id, name) SELECT g FROM generate_series(11, 12) g", "42601");
        assertThat(column(cluster.jdbcUrl(), "SELECT count(*) FROM members")).containsExactly("10");
    }

    @ParameterizedTest
    @ValueSource(strings = {"&prepareThreshold=0", "&preferQueryMode=simple"})
    void timestamptzKeysWithoutAnOffsetAreHashedInTheSessionsTimeZone(String mode) throws SQLException {
        String table = "stamped" + Math.abs(mode.hashCode() % 1000);
        execute("CREATE TABLE " + table + " (taken timestamptz PRIMARY KEY, n int)",
                "SELECT create_distributed_table('" + table + "', 'taken')");
        List<String> local = List.of("2024-06-01 23:30:00", "2024-01-15 08:00:00", "2024-03-10 02:30:00",
                "2024-11-03 01:30:00", "2024-07-04 12:00:00", "2024-12-25 00:00:00", "2023-02-28 19:15:00",
                "2025-08-09 05:45:30");
        try (Connection c = DriverManager.getConnection(cluster.jdbcUrl() + mode); Statement s = c.createStatement()) {
            s.execute("SET TimeZone = 'America/New_York'");
            for (int i = 0; i < local.size(); i++) {
                s.execute("INSERT INTO " + table + " VALUES ('" + local.get(i) + "', " + i + ")");
            }
            s.execute("SET TimeZone = 'Asia/Kolkata'");
            // each key read back by the router under another zone, written with its UTC offset: only a row in
            // the shard its hash names is found
            for (int i = 0; i < local.size(); i++) {
                try (ResultSet rs = s.executeQuery("SELECT n FROM " + table + " WHERE taken = '"
                        + utc(s, local.get(i)) + "'")) {
                    assertThat(rs.next()).as("row %s routed by its UTC text", local.get(i)).isTrue();
                    assertThat(rs.getInt(1)).isEqualTo(i);
                }
            }
        }
    }

    /** The UTC text of a New York local time, as the coordinator's PostgreSQL computes it. */
    private static String utc(Statement s, String newYorkLocal) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT to_char(('" + newYorkLocal + "'::timestamp AT TIME ZONE"
                + " 'America/New_York') AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') || '+00'")) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void aStatementKeptPreparedOnTheWorkersFollowsATableThatChangedShape() throws SQLException {
        execute("CREATE TABLE reshaped (k bigint PRIMARY KEY, v text)",
                "SELECT create_distributed_table('reshaped', 'k')",
                "INSERT INTO reshaped VALUES (1, 'one'), (2, 'two')");
        try (Connection c = DriverManager.getConnection(cluster.jdbcUrl());
             PreparedStatement ps = c.prepareStatement("SELECT * FROM reshaped WHERE k = ?")) {
            // enough rounds that the statement is prepared on several pooled worker connections
            for (int round = 0; round < 20; round++) {
                ps.setLong(1, 1 + round % 2);
                assertThat(strings(ps, 2)).containsExactly(round % 2 == 0 ? "1|one" : "2|two");
            }
            // the worker's prepared plan for SELECT * now has the wrong row type; PostgreSQL refuses it
            execute("ALTER TABLE reshaped ADD COLUMN extra int DEFAULT 7");
            try (PreparedStatement again = c.prepareStatement("SELECT * FROM reshaped WHERE k = ?")) {
                for (int round = 0; round < 20; round++) {
                    long key = 1 + round % 2;
                    again.setLong(1, key);
                    assertThat(strings(again, 3)).containsExactly(key + "|" + (key == 1 ? "one" : "two") + "|7");
                }
            }
        }
    }

    private static List<String> strings(PreparedStatement ps) throws SQLException {
        return strings(ps, 1);
    }

    private static List<String> strings(PreparedStatement ps, int columns) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
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

    private static void execute(String... statements) throws SQLException {
        SqlStatements.execute(cluster.jdbcUrl(), statements);
    }

    private static void assertSqlState(String sql, String sqlState) {
        SqlStatements.assertSqlState(cluster.jdbcUrl(), sql, sqlState);
    }
}
