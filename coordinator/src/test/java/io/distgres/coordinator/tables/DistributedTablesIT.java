package io.distgres.coordinator.tables;

import static io.distgres.coordinator.testing.SqlRows.column;
import static io.distgres.coordinator.testing.SqlRows.joined;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.distgres.coordinator.testing.EmbeddedClusterExtension;
import io.distgres.coordinator.testing.SqlStatements;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.util.PSQLException;

/** create_distributed_table, create_reference_table and the catalog views, through pgjdbc and the front door. */
class DistributedTablesIT {
    @RegisterExtension
    static final EmbeddedClusterExtension cluster = EmbeddedClusterExtension.cluster();

    @Test
    void existingRowsMoveIntoShardsPlacedByPostgresHash() throws SQLException {
        execute("CREATE TABLE messages (id bigserial, user_id bigint NOT NULL, body text,"
                + " PRIMARY KEY (user_id, id))",
                "CREATE INDEX messages_body_idx ON messages (body)",
                "INSERT INTO messages (user_id, body) SELECT g * 7919 % 5000 - 2500, 'm' || g"
                        + " FROM generate_series(1, 5000) g");
        List<String> before = column(cluster.jdbcUrl(), "SELECT 1");
        assertThat(before).containsExactly("1");

        assertThat(column(cluster.jdbcUrl(), "SELECT create_distributed_table('messages', 'user_id')"))
                .containsExactly("");

        assertThat(joined(cluster.jdbcUrl(), "SELECT table_name, citus_table_type, distribution_column, shard_count"
                + " FROM citus_tables WHERE table_name = 'messages'::regclass"))
                .containsExactly("messages|distributed|user_id|32");
        // the shell keeps the schema only (reading it is refused: it would answer nothing)
        assertThat(column(cluster.coordinatorPostgresJdbcUrl(), "SELECT pg_relation_size('messages')"))
                .containsExactly("0");
        SqlStatements.assertSqlState(cluster.coordinatorPostgresJdbcUrl(), "SELECT count(*) FROM messages", "0A000");

        // every row sits on the shard whose range holds PostgreSQL's own hashint8 of its key
        List<String> shards = joined(cluster.jdbcUrl(), "SELECT s.shard_name, s.nodeport, d.shardminvalue,"
                + " d.shardmaxvalue FROM citus_shards s JOIN dist_shard d USING (shardid)"
                + " WHERE s.table_name = 'messages'::regclass ORDER BY s.shardid");
        assertThat(shards).hasSize(32);
        long rows = 0;
        for (String shard : shards) {
            String[] f = shard.split("\\|");
            String worker = workerUrl(Integer.parseInt(f[1]));
            assertThat(column(worker, "SELECT count(*) FROM " + f[0] + " WHERE hashint8(user_id) NOT BETWEEN "
                    + f[2] + " AND " + f[3])).containsExactly("0");
            rows += Long.parseLong(column(worker, "SELECT count(*) FROM " + f[0]).get(0));
            assertThat(column(worker, "SELECT count(*) FROM pg_indexes WHERE tablename = '" + f[0] + "'"))
                    .as("primary key and index on %s", f[0]).containsExactly("2");
        }
        assertThat(rows).isEqualTo(5000);
        assertThat(shards.stream().map(s -> s.split("\\|")[1]).distinct()).hasSize(2);

        // get_shard_id_for_distribution_column agrees with where the rows are
        String shardId = column(cluster.jdbcUrl(),
                "SELECT get_shard_id_for_distribution_column('messages', 42)").get(0);
        assertThat(joined(cluster.jdbcUrl(), "SELECT shardminvalue::int <= hashint8(42) AND hashint8(42) <="
                + " shardmaxvalue::int FROM dist_shard WHERE shardid = " + shardId)).containsExactly("t");
    }

    @Test
    void tablesWithTheSameKeyTypeAndShardCountAreColocated() throws SQLException {
        execute("CREATE TABLE accounts (user_id bigint PRIMARY KEY, name text)",
                "CREATE TABLE events (user_id bigint, kind text)",
                "CREATE TABLE loners (user_id bigint, kind text)",
                "CREATE TABLE small (user_id bigint, kind text)",
                "SELECT create_distributed_table('accounts', 'user_id')",
                "SELECT create_distributed_table('events', 'user_id', colocate_with => 'accounts')",
                "SELECT create_distributed_table('loners', 'user_id', colocate_with => 'none')",
                "SELECT create_distributed_table('small', 'user_id', shard_count => 4)");
        List<String> groups = joined(cluster.jdbcUrl(), "SELECT table_name, colocation_id, shard_count FROM citus_tables"
                + " WHERE table_name::text IN ('accounts', 'events', 'loners', 'small') ORDER BY table_name::text");
        String accounts = groups.get(0).split("\\|")[1];
        assertThat(groups.get(1)).isEqualTo("events|" + accounts + "|32");
        assertThat(groups.get(2).split("\\|")[1]).isNotEqualTo(accounts);
        assertThat(groups.get(3).split("\\|")[2]).isEqualTo("4");
        // co-located shards of the same range live on the same worker
        assertThat(joined(cluster.jdbcUrl(), "SELECT count(*) FROM citus_shards a JOIN dist_shard da USING (shardid)"
                + " JOIN citus_shards b ON b.table_name = 'events'::regclass JOIN dist_shard db ON db.shardid = b.shardid"
                + " WHERE a.table_name = 'accounts'::regclass AND da.shardminvalue = db.shardminvalue"
                + " AND a.nodeport = b.nodeport")).containsExactly("32");
    }

    @Test
    void referenceTableHasAFullCopyOnEveryWorker() throws SQLException {
        execute("CREATE TABLE countries (code text PRIMARY KEY, name text)",
                "INSERT INTO countries VALUES ('de', 'Germany'), ('fr', 'France'), ('jp', E'\\u65e5\\u672c')",
                "SELECT create_reference_table('countries')");
        List<String> placements = joined(cluster.jdbcUrl(), "SELECT shard_name, nodeport FROM citus_shards"
                + " WHERE table_name = 'countries'::regclass");
        assertThat(placements).hasSize(2);
        for (String placement : placements) {
            String[] f = placement.split("\\|");
            assertThat(column(workerUrl(Integer.parseInt(f[1])), "SELECT string_agg(code || '=' || name, ','"
                    + " ORDER BY code) FROM " + f[0])).containsExactly("de=Germany,fr=France,jp=\u65e5\u672c");
        }
        assertThat(joined(cluster.jdbcUrl(), "SELECT citus_table_type, distribution_column FROM citus_tables"
                + " WHERE table_name = 'countries'::regclass")).containsExactly("reference|<none>");
    }

    @Test
    void statementsOnDistributedTablesAreRefusedRatherThanAnsweredFromTheEmptyShell() throws SQLException {
        execute("CREATE TABLE guarded (k int, v text)", "INSERT INTO guarded VALUES (1, 'a')",
                "SELECT create_distributed_table('guarded', 'k')");
        // multi-shard statements are answered from the shards, never from the shell (which has no rows)
        assertThat(column(cluster.jdbcUrl(), "SELECT count(*) FROM \"guarded\"")).containsExactly("1");
        assertThat(column(cluster.jdbcUrl(), "SELECT k FROM guarded WHERE v = 'a'")).containsExactly("1");
        // what no tier plans fails with 0A000 rather than answering from the shell
        assertThatThrownBy(() -> execute("SELECT * FROM guarded WHERE v = 'a' FOR UPDATE"))
                .isInstanceOfSatisfying(PSQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("0A000"));
        // what it can plan is answered from the shards, also through a prepared statement with binary transfer
        assertThat(column(cluster.jdbcUrl(), "SELECT v FROM guarded WHERE k = 1")).containsExactly("a");
        try (Connection c = DriverManager.getConnection(cluster.jdbcUrl() + "&prepareThreshold=1&binaryTransfer=true");
             PreparedStatement ps = c.prepareStatement("SELECT v FROM guarded WHERE k = ?")) {
            ps.setInt(1, 1);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("a");
                assertThat(rs.next()).isFalse();
            }
        }
    }

    @Test
    void badArgumentsGiveClearErrorsAndChangeNothing() throws SQLException {
        execute("CREATE TABLE victim (id int)", "CREATE TABLE pk_elsewhere (id int PRIMARY KEY, k int)",
                "CREATE TABLE json_keyed (doc jsonb)", "CREATE TABLE once (id int)",
                "SELECT create_distributed_table('once', 'id')");
        assertSqlState("SELECT create_distributed_table('no_such_table', 'id')", "42P01");
        assertSqlState("SELECT create_distributed_table('victim; DROP TABLE victim', 'id')", "42602");
        assertSqlState("SELECT create_distributed_table('victim', 'nope')", "42703");
        assertSqlState("SELECT create_distributed_table('pk_elsewhere', 'k')", "0A000");
        assertSqlState("SELECT create_distributed_table('json_keyed', 'doc')", "0A000");
        assertSqlState("SELECT create_distributed_table('once', 'id')", "42P16");
        assertSqlState("SELECT create_distributed_table('victim', 'id', shard_count => 0)", "22023");
        assertSqlState("SELECT create_distributed_table('victim', 'id', 'range')", "0A000");
        try (Connection c = DriverManager.getConnection(cluster.jdbcUrl())) {
            c.setAutoCommit(false);
            assertThatThrownBy(() -> c.createStatement().execute("SELECT create_distributed_table('victim', 'id')"))
                    .isInstanceOfSatisfying(PSQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("25001"));
            c.rollback();
        }
        assertThat(column(cluster.jdbcUrl(), "SELECT count(*) FROM citus_tables WHERE table_name::text IN"
                + " ('victim', 'pk_elsewhere', 'json_keyed')")).containsExactly("0");
        assertThat(column(cluster.jdbcUrl(), "SELECT count(*) FROM victim")).containsExactly("0");
        // no shard of a refused table was left behind on any worker
        for (String worker : cluster.workerPostgresJdbcUrls()) {
            assertThat(column(worker, "SELECT count(*) FROM pg_tables WHERE tablename ~ '^(victim|pk_elsewhere|json_keyed)_'"))
                    .containsExactly("0");
        }
    }

    @Test
    void runCommandOnWorkersReportsEachWorker() throws SQLException {
        List<String> rows = joined(cluster.jdbcUrl(), "SELECT * FROM run_command_on_workers('SELECT 40 + 2')");
        assertThat(rows).hasSize(2).allSatisfy(r -> assertThat(r).endsWith("|t|42"));
        assertThat(joined(cluster.jdbcUrl(), "SELECT * FROM run_command_on_workers('SELECT 1/0')"))
                .hasSize(2).allSatisfy(r -> assertThat(r).endsWith("|f|division by zero"));
        // parameters reach the argument reader through the extended protocol
        try (Connection c = DriverManager.getConnection(cluster.jdbcUrl() + "&prepareThreshold=1");
             PreparedStatement ps = c.prepareStatement("SELECT * FROM run_command_on_workers(?)")) {
            ps.setString(1, "SELECT 'ok'");
            List<String> results = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    results.add(rs.getString("result"));
                }
            }
            assertThat(results).containsExactly("ok", "ok");
        }
    }

    private static String workerUrl(int postgresPort) {
        return cluster.workerPostgresJdbcUrl(postgresPort);
    }

    private static void execute(String... statements) throws SQLException {
        SqlStatements.execute(cluster.jdbcUrl(), statements);
    }

    private static void assertSqlState(String sql, String sqlState) {
        SqlStatements.assertSqlState(cluster.jdbcUrl(), sql, sqlState);
    }
}
