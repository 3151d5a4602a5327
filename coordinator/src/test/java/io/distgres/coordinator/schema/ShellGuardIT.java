package io.distgres.coordinator.schema;

import static io.distgres.coordinator.testing.SqlRows.column;
import static io.distgres.coordinator.testing.SqlRows.joined;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.distgres.coordinator.testing.EmbeddedClusterExtension;
import io.distgres.coordinator.testing.Psql;
import io.distgres.coordinator.testing.SqlStatements;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.util.PSQLException;

/**
 * The shell guard through real clients: whatever reaches a distributed table's empty coordinator shell by
 * itself (a SQL or plpgsql function, a view, a rule, a trigger, COPY of such a query) fails with 0A000
 * naming the table, on a table with rows and on an empty one, instead of answering from the empty shell;
 * distgres's own paths on the same tables still answer.
 */
class ShellGuardIT {
    @RegisterExtension
    static final EmbeddedClusterExtension cluster = EmbeddedClusterExtension.cluster();

    @BeforeAll
    static void schema() throws SQLException {
        // functions, views and rules made while the tables were local: they keep naming the shells
        execute("CREATE TABLE cc2 (k bigint PRIMARY KEY, v text)",
                "INSERT INTO cc2 SELECT g, 'v' || g FROM generate_series(1, 100) g",
                "CREATE TABLE empty_dist (k int, v text)",
                "CREATE FUNCTION f_max() RETURNS bigint LANGUAGE sql AS 'SELECT max(k) FROM cc2'",
                "CREATE FUNCTION f_count_pl() RETURNS bigint LANGUAGE plpgsql AS"
                        + " $$ BEGIN RETURN (SELECT count(*) FROM empty_dist); END $$",
                "CREATE FUNCTION f_wipe() RETURNS void LANGUAGE plpgsql AS $$ BEGIN DELETE FROM cc2 WHERE k < 0; END $$",
                "CREATE FUNCTION f_truncate() RETURNS void LANGUAGE plpgsql AS $$ BEGIN TRUNCATE empty_dist; END $$",
                "CREATE VIEW v_cc2 AS SELECT k, v FROM cc2",
                "CREATE TABLE audit_source (k int)",
                "CREATE FUNCTION copy_to_dist() RETURNS trigger LANGUAGE plpgsql AS"
                        + " $$ BEGIN INSERT INTO empty_dist VALUES (NEW.k, 'from trigger'); RETURN NEW; END $$",
                "CREATE TRIGGER to_dist AFTER INSERT ON audit_source FOR EACH ROW EXECUTE FUNCTION copy_to_dist()",
                "CREATE TABLE rule_source (k int)",
                "CREATE RULE also_dist AS ON INSERT TO rule_source DO ALSO INSERT INTO empty_dist VALUES (NEW.k, 'rule')",
                "SELECT create_distributed_table('cc2', 'k')",
                "SELECT create_distributed_table('empty_dist', 'k')");
    }

    @Test
    void functionsViewsRulesAndTriggersReachingAShellFailNamingTheTable() throws SQLException {
        assertGuarded("SELECT f_max()", "cc2");
        assertGuarded("SELECT f_count_pl()", "empty_dist");
        assertGuarded("SELECT * FROM v_cc2", "cc2");
        assertGuarded("SELECT count(*) FROM v_cc2 WHERE k = 5", "cc2");
        assertGuarded("SELECT f_wipe()", "cc2");
        assertGuarded("SELECT f_truncate()", "empty_dist");
        assertGuarded("INSERT INTO audit_source VALUES (1)", "empty_dist");
        assertGuarded("INSERT INTO rule_source VALUES (1)", "empty_dist");
        // nothing was written anywhere, and the distributed tables still answer
        assertThat(column(cluster.jdbcUrl(), "SELECT count(*) FROM audit_source")).containsExactly("0");
        assertThat(column(cluster.jdbcUrl(), "SELECT count(*) FROM empty_dist")).containsExactly("0");
        assertThat(column(cluster.jdbcUrl(), "SELECT max(k) FROM cc2")).containsExactly("100");
        assertThat(column(cluster.jdbcUrl(), "SELECT v FROM cc2 WHERE k = 7")).containsExactly("v7");
    }

    @Test
    void theErrorNamesTheTableAndItsContextNotTheGuard() {
        assertThatThrownBy(() -> execute("SELECT f_max()")).isInstanceOfSatisfying(PSQLException.class, e -> {
            var error = e.getServerErrorMessage();
            assertThat(error.getSQLState()).isEqualTo("0A000");
            assertThat(error.getMessage()).isEqualTo("reading or writing distributed table \"cc2\" from a function,"
                    + " view, rule or trigger is not supported");
            assertThat(error.getHint()).contains("undistribute_table('cc2')");
            assertThat(error.getWhere()).contains("f_max").doesNotContain("shell_guard");
        });
    }

    @Test
    void psqlSeesTheGuardOnCopyOfAQueryAndInDescribe() throws Exception {
        String output = psql("-c", "COPY (SELECT f_max()) TO STDOUT",
                "-c", "COPY (SELECT k, v FROM cc2 WHERE k <= 3 ORDER BY k) TO STDOUT WITH (FORMAT csv, HEADER)",
                "-c", "\\d empty_dist");
        assertThat(output).contains("ERROR:  0A000: reading or writing distributed table \"cc2\"")
                .contains("k,v\n1,v1\n2,v2\n3,v3\n")
                .contains("\"empty_dist_distgres_guard\" btree ((1)) WHERE distgres.shell_guard('empty_dist'::regclass)");
    }

    @Test
    void distgresOwnPathsOnGuardedShellsStillWork() throws SQLException {
        execute("CREATE TABLE own_paths (k int PRIMARY KEY, v text, n int)",
                "SELECT create_distributed_table('own_paths', 'k')",
                "INSERT INTO own_paths SELECT g, 'x', g FROM generate_series(1, 20) g",
                // a rewrite of the shell rebuilds its indexes, the guard among them
                "ALTER TABLE own_paths ALTER COLUMN n TYPE bigint",
                "CREATE INDEX ON own_paths (v)",
                "ALTER TABLE own_paths ADD COLUMN w int DEFAULT 7",
                "EXPLAIN SELECT * FROM own_paths WHERE k = 3",
                "VACUUM", "ANALYZE", "VACUUM FULL", "REINDEX SCHEMA public");
        assertThat(joined(cluster.jdbcUrl(), "SELECT count(*), sum(n), sum(w) FROM own_paths"))
                .containsExactly("20|210|140");
        execute("TRUNCATE own_paths");
        assertThat(column(cluster.jdbcUrl(), "SELECT count(*) FROM own_paths")).containsExactly("0");
        // still guarded after all of it
        execute("CREATE FUNCTION own_paths_count() RETURNS bigint LANGUAGE sql AS 'SELECT count(*) FROM own_paths'");
        assertGuarded("SELECT own_paths_count()", "own_paths");
    }

    @Test
    void aLocalTableLikeADistributedOneHasNoGuard() throws SQLException {
        execute("CREATE TABLE cc2_copy (LIKE cc2 INCLUDING ALL)", "INSERT INTO cc2_copy VALUES (1, 'local')",
                "CREATE FUNCTION cc2_copy_count() RETURNS bigint LANGUAGE sql AS 'SELECT count(*) FROM cc2_copy'");
        assertThat(column(cluster.jdbcUrl(), "SELECT cc2_copy_count()")).containsExactly("1");
        assertThat(column(cluster.coordinatorPostgresJdbcUrl(), "SELECT indexrelid::regclass::text FROM pg_index"
                + " WHERE indrelid = 'cc2_copy'::regclass ORDER BY 1")).containsExactly("cc2_copy_pkey");
    }

    @Test
    void undistributingDropsTheGuardAndTheFunctionsAnswerAgain() throws SQLException {
        execute("CREATE TABLE comes_back (k int, v text)", "SELECT create_distributed_table('comes_back', 'k')",
                "INSERT INTO comes_back VALUES (1, 'a'), (2, 'b')",
                "CREATE FUNCTION comes_back_count() RETURNS bigint LANGUAGE sql AS 'SELECT count(*) FROM comes_back'");
        assertGuarded("SELECT comes_back_count()", "comes_back");
        execute("SELECT undistribute_table('comes_back')");
        assertThat(column(cluster.jdbcUrl(), "SELECT comes_back_count()")).containsExactly("2");
    }

    @Test
    void turningTheGuardOffOnceDoesNotDisarmItOnThatBackend() throws SQLException {
        String oid = column(cluster.coordinatorPostgresJdbcUrl(), "SELECT 'cc2'::regclass::oid").get(0);
        try (Connection c = DriverManager.getConnection(cluster.coordinatorPostgresJdbcUrl());
             Statement s = c.createStatement()) {
            s.execute("BEGIN");
            s.execute("SET LOCAL distgres.unguarded_shells = '" + oid + "'");
            s.execute("SELECT f_max()");
            s.execute("COMMIT");
            assertThatThrownBy(() -> s.execute("SELECT f_max()")).isInstanceOfSatisfying(PSQLException.class,
                    e -> assertThat(e.getSQLState()).isEqualTo("0A000"));
        }
    }

    private static void assertGuarded(String sql, String table) {
        assertThatThrownBy(() -> execute(sql)).as(sql).isInstanceOfSatisfying(PSQLException.class, e -> {
            assertThat(e.getSQLState()).isEqualTo("0A000");
            assertThat(e.getServerErrorMessage().getMessage()).contains("distributed table \"" + table + "\"");
        });
    }

    private static String psql(String... commands) throws Exception {
        List<String> arguments = new java.util.ArrayList<>(List.of("-h", "127.0.0.1", "-p",
                Integer.toString(cluster.port()), "-U", "postgres", "-v", "VERBOSITY=verbose"));
        arguments.addAll(List.of(commands));
        // a last command that succeeds: psql's exit status is the last command's
        arguments.addAll(List.of("-c", "SELECT 1"));
        return Psql.run(Map.of(), arguments);
    }

    private static void execute(String... statements) throws SQLException {
        SqlStatements.execute(cluster.jdbcUrl(), statements);
    }
}
