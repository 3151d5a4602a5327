package io.distgres.coordinator.session;

import static io.distgres.coordinator.testing.SqlRows.column;
import static io.distgres.coordinator.testing.SqlRows.joined;
import static io.distgres.coordinator.testing.SqlStatements.execute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.distgres.coordinator.CoordinatorServer;
import io.distgres.coordinator.launcher.LoopbackPorts;
import io.distgres.coordinator.testing.EmbeddedClusterExtension;
import io.distgres.coordinator.testing.PostgresClientTool;
import java.io.StringReader;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.PGConnection;
import org.postgresql.util.PSQLException;

/**
 * A session acts as the role its client logged in as, on the coordinator database and in every
 * worker task: privileges hold (42501 as PostgreSQL gives it), SET ROLE and SET SESSION
 * AUTHORIZATION reach the tasks, no pooled connection hands a role to the next client, and roles,
 * grants and owners reach the workers. Through pgjdbc and psql.
 */
class RolesIT {
    @RegisterExtension
    static final EmbeddedClusterExtension cluster = EmbeddedClusterExtension.cluster();

    @BeforeAll
    static void rolesAndTables() throws SQLException {
        execute(cluster.jdbcUrl(),
                "CREATE ROLE tu LOGIN",
                "CREATE ROLE reader LOGIN",
                "CREATE ROLE cannot_log_in",
                "CREATE TABLE secret (a int)",
                "REVOKE ALL ON secret FROM PUBLIC",
                // privileges set before distribution: the shards must get them too
                "CREATE TABLE secret_dist (k int, v text)",
                "INSERT INTO secret_dist SELECT g, 'v' || g FROM generate_series(1, 20) g",
                "REVOKE ALL ON secret_dist FROM PUBLIC",
                "GRANT SELECT ON secret_dist TO reader",
                "SELECT create_distributed_table('secret_dist', 'k', shard_count => 4)",
                "CREATE TABLE secret_ref (code text)",
                "INSERT INTO secret_ref VALUES ('x')",
                "REVOKE ALL ON secret_ref FROM PUBLIC",
                "SELECT create_reference_table('secret_ref')",
                "CREATE TABLE open_dist (k int, v text)",
                "INSERT INTO open_dist SELECT g, 'o' || g FROM generate_series(1, 20) g",
                "GRANT ALL ON open_dist TO PUBLIC",
                "SELECT create_distributed_table('open_dist', 'k', shard_count => 4)");
    }

    @Test
    void startupRefusesUnknownRolesAndRolesThatMayNotLogIn() {
        assertThatThrownBy(() -> DriverManager.getConnection(url("nosuch_role")).close())
                .isInstanceOfSatisfying(PSQLException.class, e -> {
                    assertThat(e.getSQLState()).isEqualTo("28000");
                    assertThat(e.getServerErrorMessage().getSeverity()).isEqualTo("FATAL");
                    assertThat(e.getServerErrorMessage().getMessage()).isEqualTo("role \"nosuch_role\" does not exist");
                });
        assertThatThrownBy(() -> DriverManager.getConnection(url("cannot_log_in")).close())
                .isInstanceOfSatisfying(PSQLException.class, e -> {
                    assertThat(e.getSQLState()).isEqualTo("28000");
                    assertThat(e.getServerErrorMessage().getMessage())
                            .isEqualTo("role \"cannot_log_in\" is not permitted to log in");
                });
        PostgresClientTool.Result psql = psql("nosuch_role", "SELECT 1");
        assertThat(psql.exitCode()).isEqualTo(2);
        assertThat(psql.stderr()).contains("FATAL:  role \"nosuch_role\" does not exist");
    }

    @Test
    void aSessionIsItsLoginRoleAndReportsIt() throws SQLException {
        try (Connection c = DriverManager.getConnection(url("tu"))) {
            assertThat(row(c, "SELECT current_user, session_user, current_setting('is_superuser')"))
                    .isEqualTo("tu|tu|off");
            PGConnection pg = c.unwrap(PGConnection.class);
            assertThat(pg.getParameterStatus("session_authorization")).isEqualTo("tu");
            assertThat(pg.getParameterStatus("is_superuser")).isEqualTo("off");
        }
        try (Connection c = DriverManager.getConnection(cluster.jdbcUrl())) {
            assertThat(row(c, "SELECT current_user, current_setting('is_superuser')")).isEqualTo("postgres|on");
            assertThat(c.unwrap(PGConnection.class).getParameterStatus("is_superuser")).isEqualTo("on");
        }
        PostgresClientTool.Result psql = psql("tu", "SELECT current_user, session_user");
        assertThat(psql.exitCode()).as(psql.toString()).isZero();
        assertThat(psql.stdout().strip()).isEqualTo("tu|tu");
    }

    @Test
    void localTablePrivilegesHold() throws SQLException {
        assertError(url("tu"), "SELECT * FROM secret", "42501", "permission denied for table secret");
        assertError(url("tu"), "DROP TABLE secret", "42501", "must be owner of table secret");
        assertThat(column(cluster.jdbcUrl(), "SELECT count(*) FROM secret")).containsExactly("0");
        PostgresClientTool.Result psql = psql("tu", "SELECT * FROM secret");
        assertThat(psql.exitCode()).isEqualTo(1);
        assertThat(psql.stderr()).contains("ERROR:  42501: permission denied for table secret");
    }

    @Test
    void everyKindOfWorkerTaskRunsAsTheSessionRole() throws SQLException {
        String tu = url("tu");
        for (String sql : List.of("SELECT * FROM secret_dist WHERE k = 1", "SELECT count(*) FROM secret_dist",
                "INSERT INTO secret_dist VALUES (100, 'x')", "UPDATE secret_dist SET v = 'y'",
                "DELETE FROM secret_dist WHERE k = 2", "INSERT INTO secret_dist SELECT k + 100, v FROM open_dist",
                "SELECT s.v FROM secret_dist s JOIN open_dist o ON o.k = s.k")) {
            assertError(tu, sql, "42501", "permission denied for table secret_dist");
        }
        assertError(tu, "SELECT * FROM secret_ref", "42501", "permission denied for table secret_ref");
        assertError(tu, "TRUNCATE secret_dist", "42501", "permission denied for table secret_dist");
        assertError(tu, "DROP TABLE secret_dist", "42501", "must be owner of table secret_dist");
        assertError(tu, "ALTER TABLE secret_dist ADD COLUMN w int", "42501", "must be owner of table secret_dist");
        try (Connection c = DriverManager.getConnection(tu)) {
            var copy = c.unwrap(PGConnection.class).getCopyAPI();
            assertThatThrownBy(() -> copy.copyOut("COPY secret_dist TO STDOUT", new StringWriter()))
                    .isInstanceOfSatisfying(PSQLException.class, e -> assertPrivilegeError(e, "secret_dist"));
            assertThatThrownBy(() -> copy.copyIn("COPY secret_dist FROM STDIN", new StringReader("1\tx\n")))
                    .isInstanceOfSatisfying(PSQLException.class, e -> assertPrivilegeError(e, "secret_dist"));
            c.setAutoCommit(false);
            assertThatThrownBy(() -> row(c, "SELECT v FROM secret_dist WHERE k = 3"))
                    .isInstanceOfSatisfying(PSQLException.class, e -> assertPrivilegeError(e, "secret_dist"));
            c.rollback();
        }
        // a granted role reads, and the task's current_user is that role on every shard
        try (Connection c = DriverManager.getConnection(url("reader") + "&prepareThreshold=1")) {
            assertThat(row(c, "SELECT current_user || ':' || v FROM secret_dist WHERE k = 3")).isEqualTo("reader:v3");
            assertThat(row(c, "SELECT string_agg(DISTINCT current_user, ',') FROM secret_dist")).isEqualTo("reader");
            try (PreparedStatement ps = c.prepareStatement("SELECT current_user, v FROM secret_dist WHERE k = ?")) {
                for (int k = 1; k <= 3; k++) {
                    ps.setInt(1, k);
                    try (ResultSet rs = ps.executeQuery()) {
                        assertThat(rs.next()).isTrue();
                        assertThat(rs.getString(1) + ":" + rs.getString(2)).isEqualTo("reader:v" + k);
                    }
                }
            }
        }
        assertError(url("reader"), "INSERT INTO secret_dist VALUES (200, 'x')", "42501",
                "permission denied for table secret_dist");
        assertThat(column(cluster.jdbcUrl(), "SELECT count(*) FROM secret_dist")).containsExactly("20");
    }

    @Test
    void setRoleAndSessionAuthorizationReachTheTasks() throws SQLException {
        execute(cluster.jdbcUrl(), "CREATE ROLE reading", "GRANT SELECT ON secret_dist TO reading",
                "GRANT reading TO tu WITH INHERIT FALSE");
        try (Connection c = DriverManager.getConnection(url("tu")); Statement s = c.createStatement()) {
            assertError(c, "SELECT v FROM secret_dist WHERE k = 4", "42501");
            s.execute("SET ROLE reading");
            assertThat(row(c, "SELECT current_user || ':' || v FROM secret_dist WHERE k = 4")).isEqualTo("reading:v4");
            assertThat(row(c, "SELECT count(*) FROM secret_dist")).isEqualTo("20");
            s.execute("RESET ROLE");
            assertError(c, "SELECT count(*) FROM secret_dist", "42501");
            // inside a transaction block, on the transaction's pinned worker connections
            c.setAutoCommit(false);
            s.execute("SET ROLE reading");
            assertThat(row(c, "SELECT current_user || ':' || v FROM secret_dist WHERE k = 5")).isEqualTo("reading:v5");
            s.execute("SET ROLE NONE");
            assertThat(row(c, "SELECT DISTINCT current_user FROM open_dist")).isEqualTo("tu");
            assertError(c, "SELECT v FROM secret_dist WHERE k = 5", "42501");
            c.rollback();
            c.setAutoCommit(true);
            assertThat(row(c, "SELECT current_user FROM open_dist WHERE k = 5")).isEqualTo("tu");
            // a plain role may not become anyone else, by SET or by set_config, here or in a task
            assertError(c, "SET SESSION AUTHORIZATION postgres", "42501");
            assertError(c, "SELECT set_config('session_authorization', 'postgres', false)", "42501");
            assertError(c, "SELECT set_config('session_authorization', 'postgres', false) FROM open_dist WHERE k = 1",
                    "42501");
            assertError(c, "SET ROLE postgres", "42501");
            assertThat(row(c, "SELECT current_user, session_user")).isEqualTo("tu|tu");
        }
        try (Connection c = DriverManager.getConnection(cluster.jdbcUrl()); Statement s = c.createStatement()) {
            s.execute("SET ROLE tu");
            assertThat(row(c, "SELECT current_user, session_user")).isEqualTo("tu|postgres");
            assertError(c, "SELECT v FROM secret_dist WHERE k = 6", "42501");
            assertThat(row(c, "SELECT DISTINCT current_user FROM open_dist")).isEqualTo("tu");
            s.execute("RESET ROLE");
            assertThat(row(c, "SELECT current_user || ':' || v FROM secret_dist WHERE k = 6")).isEqualTo("postgres:v6");
            s.execute("SET SESSION AUTHORIZATION tu");
            PGConnection pg = c.unwrap(PGConnection.class);
            assertThat(pg.getParameterStatus("session_authorization")).isEqualTo("tu");
            assertThat(pg.getParameterStatus("is_superuser")).isEqualTo("off");
            assertThat(row(c, "SELECT current_user, session_user FROM open_dist WHERE k = 6")).isEqualTo("tu|tu");
            assertError(c, "SELECT count(*) FROM secret_dist", "42501");
            s.execute("RESET SESSION AUTHORIZATION");
            assertThat(pg.getParameterStatus("session_authorization")).isEqualTo("postgres");
            assertThat(row(c, "SELECT count(*) FROM secret_dist")).isEqualTo("20");
        }
    }

    @Test
    void aPooledConnectionNeverCarriesARoleToTheNextClient() throws SQLException {
        for (int round = 0; round < 5; round++) {
            try (Connection switched = DriverManager.getConnection(cluster.jdbcUrl());
                 Statement s = switched.createStatement()) {
                s.execute(round % 2 == 0 ? "SET ROLE tu" : "SET SESSION AUTHORIZATION tu");
                assertThat(row(switched, "SELECT DISTINCT current_user FROM open_dist")).isEqualTo("tu");
                // while that session idles, its coordinator and worker connections are back in their pools
                for (int i = 0; i < 4; i++) {
                    try (Connection next = DriverManager.getConnection(cluster.jdbcUrl())) {
                        assertThat(row(next, "SELECT current_user, session_user")).isEqualTo("postgres|postgres");
                        assertThat(row(next, "SELECT DISTINCT current_user FROM open_dist")).isEqualTo("postgres");
                        assertThat(row(next, "SELECT current_user FROM open_dist WHERE k = " + (i + 1)))
                                .isEqualTo("postgres");
                    }
                }
                assertThat(row(switched, "SELECT current_user FROM open_dist WHERE k = 1")).isEqualTo("tu");
            }
        }
    }

    @Test
    void cancelledTasksGiveTheirConnectionBackToTheLoginsPool() throws SQLException {
        // a cancelled task's worker connection is evicted; more cancels than the pool holds must not drain it
        try (Connection c = DriverManager.getConnection(url("tu")); Statement s = c.createStatement()) {
            s.execute("SET statement_timeout = 100");
            for (int i = 0; i < 12; i++) {
                assertError(c, "SELECT pg_sleep(5) FROM open_dist WHERE k = 1", "57014");
            }
            s.execute("RESET statement_timeout");
            assertThat(row(c, "SELECT current_user || ':' || v FROM open_dist WHERE k = 1")).isEqualTo("tu:o1");
        }
    }

    @Test
    void shardsCarryTheirTableOwnerAndGrants() throws SQLException {
        execute(cluster.jdbcUrl(), "GRANT CREATE ON SCHEMA public TO tu");
        execute(url("tu"), "CREATE TABLE tu_dist (k int, v text)", "INSERT INTO tu_dist VALUES (1, 'a'), (2, 'b')",
                "SELECT create_distributed_table('tu_dist', 'k', shard_count => 4)");
        assertThat(onWorkers("SELECT DISTINCT pg_get_userbyid(relowner) FROM pg_class"
                + " WHERE relname ~ '^tu_dist_[0-9]+$'")).containsOnly("tu");
        assertThat(column(url("tu"), "SELECT count(*) FROM tu_dist")).containsExactly("2");
        assertError(url("reader"), "SELECT count(*) FROM tu_dist", "42501", "permission denied for table tu_dist");

        execute(url("tu"), "GRANT SELECT (k) ON tu_dist TO reader", "GRANT INSERT ON tu_dist TO reader");
        assertThat(column(url("reader"), "SELECT k FROM tu_dist WHERE k = 1")).containsExactly("1");
        assertError(url("reader"), "SELECT v FROM tu_dist WHERE k = 1", "42501", "permission denied for table tu_dist");
        execute(url("reader"), "INSERT INTO tu_dist VALUES (3, 'c')");
        execute(url("tu"), "REVOKE INSERT ON tu_dist FROM reader");
        assertError(url("reader"), "INSERT INTO tu_dist VALUES (4, 'd')", "42501", "permission denied for table tu_dist");
        assertThat(onWorkers("SELECT DISTINCT array_to_string(relacl, ',') FROM pg_class"
                + " WHERE relname ~ '^tu_dist_[0-9]+$'")).containsOnly("tu=arwdDxtm/tu");

        execute(cluster.jdbcUrl(), "ALTER TABLE tu_dist OWNER TO reader");
        assertThat(onWorkers("SELECT DISTINCT pg_get_userbyid(relowner) FROM pg_class"
                + " WHERE relname ~ '^tu_dist_[0-9]+$'")).containsOnly("reader");
        assertThat(column(url("reader"), "SELECT count(*) FROM tu_dist")).containsExactly("3");

        // GRANT ... ON ALL TABLES IN SCHEMA reaches the workers too
        execute(cluster.jdbcUrl(), "GRANT SELECT ON ALL TABLES IN SCHEMA public TO tu");
        assertThat(column(url("tu"), "SELECT count(*) FROM secret_dist")).containsExactly("20");
        execute(cluster.jdbcUrl(), "REVOKE SELECT ON ALL TABLES IN SCHEMA public FROM tu");
        assertError(url("tu"), "SELECT count(*) FROM secret_dist", "42501", "permission denied for table secret_dist");
    }

    @Test
    void distgresFunctionsCheckPrivilegesAsPostgresqlWould() throws SQLException {
        assertError(url("tu"), "SELECT create_distributed_table('secret', 'a')", "42501", "must be owner of table secret");
        assertError(url("tu"), "SELECT create_reference_table('secret')", "42501", "must be owner of table secret");
        assertError(url("tu"), "SELECT undistribute_table('secret_dist')", "42501", "must be owner of table secret_dist");
        assertError(url("tu"), "SELECT run_command_on_workers('SELECT 1')", "42501",
                "permission denied for function run_command_on_workers");
        assertError(url("tu"), "SELECT recover_prepared_transactions()", "42501",
                "permission denied for function recover_prepared_transactions");
        assertThat(joined(cluster.jdbcUrl(), "SELECT run_command_on_workers('SELECT current_user')"))
                .hasSize(2).allSatisfy(row -> assertThat(row).endsWith("|t|postgres"));
        assertThat(column(cluster.jdbcUrl(), "SELECT count(*) FROM citus_tables WHERE table_name = 'secret'::regclass"))
                .containsExactly("0");
    }

    @Test
    void roleStatementsReachEveryWorkerAllOrNothing() throws SQLException {
        execute(cluster.jdbcUrl(), "CREATE ROLE r_prop LOGIN CREATEDB PASSWORD 'secret word'");
        assertThat(onWorkers("SELECT rolcanlogin || ',' || rolcreatedb || ',' || (rolpassword IS NOT NULL)"
                + " FROM pg_authid WHERE rolname = 'r_prop'")).containsExactly("true,true,true", "true,true,true");
        execute(cluster.jdbcUrl(), "ALTER ROLE r_prop NOCREATEDB", "GRANT reader TO r_prop");
        assertThat(onWorkers("SELECT rolcreatedb || ',' || pg_has_role('r_prop', 'reader', 'MEMBER')"
                + " FROM pg_roles WHERE rolname = 'r_prop'")).containsExactly("false,true", "false,true");
        assertThat(column(url("r_prop"), "SELECT count(*) FROM secret_dist")).containsExactly("20");
        execute(cluster.jdbcUrl(), "REVOKE reader FROM r_prop");
        assertThat(onWorkers("SELECT pg_has_role('r_prop', 'reader', 'MEMBER')::text")).containsExactly("false", "false");
        assertError(url("r_prop"), "SELECT count(*) FROM secret_dist", "42501", "permission denied for table secret_dist");

        try (Connection c = DriverManager.getConnection(cluster.jdbcUrl()); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("CREATE ROLE r_rolled_back");
            c.rollback();
        }
        assertThat(onWorkers("SELECT count(*) FROM pg_roles WHERE rolname = 'r_rolled_back'")).containsOnly("0");

        // a worker that refuses fails the statement everywhere
        execute(cluster.workerPostgresJdbcUrls().get(1), "CREATE ROLE r_clash");
        assertError(cluster.jdbcUrl(), "CREATE ROLE r_clash", "42710", "role \"r_clash\" already exists");
        assertThat(column(cluster.jdbcUrl(), "SELECT count(*) FROM pg_roles WHERE rolname = 'r_clash'"))
                .containsExactly("0");
        assertThat(column(cluster.workerPostgresJdbcUrls().get(0), "SELECT count(*) FROM pg_roles WHERE rolname = 'r_clash'"))
                .containsExactly("0");

        assertError(url("tu"), "CREATE ROLE r_by_tu", "42501", "permission denied to create role");
        execute(cluster.jdbcUrl(), "DROP ROLE r_prop");
        assertThat(onWorkers("SELECT count(*) FROM pg_roles WHERE rolname = 'r_prop'")).containsOnly("0");
    }

    @Test
    void aRoleCreatedAgainUnderAnEarlierRolesNameGetsNoneOfItsConnections() throws SQLException {
        execute(cluster.jdbcUrl(), "CREATE ROLE r_again LOGIN", "GRANT SELECT ON secret_dist TO r_again");
        // the pools of r_again on the coordinator and the workers now hold connections it opened
        assertThat(column(url("r_again"), "SELECT count(*) FROM secret_dist")).containsExactly("20");
        execute(cluster.jdbcUrl(), "ALTER ROLE r_again RENAME TO r_renamed", "CREATE ROLE r_again LOGIN");
        try (Connection c = DriverManager.getConnection(url("r_again"))) {
            assertThat(row(c, "SELECT current_user, session_user")).isEqualTo("r_again|r_again");
            assertThat(row(c, "SELECT DISTINCT current_user FROM open_dist")).isEqualTo("r_again");
            assertError(c, "SELECT count(*) FROM secret_dist", "42501");
        }
        assertThat(column(url("r_renamed"), "SELECT DISTINCT current_user FROM secret_dist")).containsExactly("r_renamed");
    }

    @Test
    void rolesPresentWhenTheCoordinatorStartsReachTheWorkers() throws Exception {
        // made behind distgres's back, directly in the coordinator's PostgreSQL
        execute(cluster.coordinatorPostgresJdbcUrl(), "CREATE ROLE r_before LOGIN", "GRANT reader TO r_before");
        assertThat(onWorkers("SELECT count(*) FROM pg_roles WHERE rolname = 'r_before'")).containsOnly("0");
        var config = cluster.embeddedCluster().coordinatorConfig();
        try (CoordinatorServer second = new CoordinatorServer(config.withPort(LoopbackPorts.pickFree("127.0.0.1")))) {
            second.start();
            assertThat(onWorkers("SELECT pg_has_role('r_before', 'reader', 'MEMBER')::text")).containsOnly("true");
            String secondUrl = "jdbc:postgresql://127.0.0.1:" + second.port() + "/postgres?user=r_before";
            assertThat(column(secondUrl, "SELECT DISTINCT current_user FROM secret_dist")).containsExactly("r_before");
            assertThat(column(secondUrl, "SELECT count(*) FROM secret_dist")).containsExactly("20");
        }
    }

    @Test
    void aTwoPhaseCommitWorksForAPlainRole() throws SQLException {
        execute(cluster.jdbcUrl(), "GRANT CREATE ON SCHEMA public TO tu");
        execute(url("tu"), "CREATE TABLE tu_2pc (k int, v text)",
                "SELECT create_distributed_table('tu_2pc', 'k', shard_count => 4)", "CREATE TABLE tu_2pc_local (n int)");
        try (Connection c = DriverManager.getConnection(url("tu")); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            for (int k = 1; k <= 8; k++) {
                s.execute("INSERT INTO tu_2pc VALUES (" + k + ", 'x')");
            }
            s.execute("INSERT INTO tu_2pc_local VALUES (1)");
            c.commit();
        }
        assertThat(column(url("tu"), "SELECT count(*) FROM tu_2pc")).containsExactly("8");
        assertThat(column(url("tu"), "SELECT count(*) FROM tu_2pc_local")).containsExactly("1");
    }

    private static String url(String role) {
        return cluster.jdbcUrl().replace("user=postgres", "user=" + role);
    }

    private static List<String> onWorkers(String sql) throws SQLException {
        List<String> values = new java.util.ArrayList<>();
        for (String worker : cluster.workerPostgresJdbcUrls()) {
            values.addAll(column(worker, sql));
        }
        return values;
    }

    private static String row(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).as(sql).isTrue();
            StringBuilder row = new StringBuilder();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                row.append(i == 1 ? "" : "|").append(rs.getString(i));
            }
            return row.toString();
        }
    }

    private static void assertError(String url, String sql, String sqlState, String message) throws SQLException {
        try (Connection c = DriverManager.getConnection(url)) {
            assertThatThrownBy(() -> c.createStatement().execute(sql)).as(sql)
                    .isInstanceOfSatisfying(PSQLException.class, e -> {
                        assertThat(e.getSQLState()).as(sql).isEqualTo(sqlState);
                        assertThat(e.getServerErrorMessage().getMessage()).as(sql).isEqualTo(message);
                    });
        }
    }

    private static void assertError(Connection c, String sql, String sqlState) {
        assertThatThrownBy(() -> c.createStatement().execute(sql)).as(sql)
                .isInstanceOfSatisfying(PSQLException.class, e -> assertThat(e.getSQLState()).as(sql).isEqualTo(sqlState));
    }

    private static void assertPrivilegeError(PSQLException e, String table) {
        assertThat(e.getSQLState()).isEqualTo("42501");
        assertThat(e.getServerErrorMessage().getMessage()).isEqualTo("permission denied for table " + table);
    }

    private static PostgresClientTool.Result psql(String role, String sql) {
        String connection = cluster.connectionString().replace("postgresql://postgres@", "postgresql://" + role + "@");
        return PostgresClientTool.require("psql").run(Duration.ofSeconds(30),
                List.of("-X", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-v", "VERBOSITY=verbose", "-d", connection,
                        "-c", sql));
    }
}
