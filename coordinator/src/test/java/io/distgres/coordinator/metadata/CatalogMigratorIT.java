package io.distgres.coordinator.metadata;

import static io.distgres.coordinator.testing.SqlRows.column;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.distgres.coordinator.testing.EmbeddedClusterExtension;
import io.distgres.coordinator.testing.FreshDatabases;
import io.distgres.coordinator.testing.SqlStatements;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The catalog scripts applied to fresh databases of a real PostgreSQL 17. */
class CatalogMigratorIT {
    @RegisterExtension
    static EmbeddedClusterExtension cluster = EmbeddedClusterExtension.postgresOnly().withWorkers(1);

    private static FreshDatabases databases;

    @BeforeAll
    static void setUp() {
        databases = new FreshDatabases(cluster.coordinatorPostgresJdbcUrl());
    }

    @Test
    void createsEveryCatalogObjectAndRecordsTheVersion() throws Exception {
        String url = databases.create("migrate_fresh");
        CatalogMigrator.Result result = migrator(url, CatalogScripts.fromClasspath()).migrate();

        assertThat(result.applied()).containsExactlyElementsOf(allVersions());
        assertThat(result.currentVersion()).isEqualTo(CatalogScripts.fromClasspath().size());
        assertThat(column(url, """
                SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE n.nspname = 'distgres' AND c.relkind = 'r' ORDER BY 1"""))
                .containsExactly("dist_colocation", "dist_node", "dist_placement", "dist_shard", "dist_table",
                        "dist_transaction", "schema_version");
        assertThat(column(url, """
                SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE n.nspname = 'distgres_api' AND c.relkind = 'v' ORDER BY 1"""))
                .containsExactly("citus_nodes", "citus_shards", "citus_tables", "dist_shard");
        assertThat(column(url, "SELECT version || ' ' || description FROM distgres.schema_version ORDER BY version"))
                .containsExactly("1 catalog", "2 citus_views", "3 function_arguments",
                        "4 distributed_transactions", "5 shell_guard",
                        "6 ddl_notifications", "7 login_roles");
        assertThat(column(url, "SELECT nextval('distgres.dist_shard_id_seq')")).containsExactly("102008");
    }

    @Test
    void secondRunAppliesNothingAndChangesNothing() throws Exception {
        String url = databases.create("migrate_twice");
        migrator(url, CatalogScripts.fromClasspath()).migrate();
        List<String> before = column(url, "SELECT version || ' ' || applied_at FROM distgres.schema_version ORDER BY 1");

        CatalogMigrator.Result second = migrator(url, CatalogScripts.fromClasspath()).migrate();

        assertThat(second.applied()).isEmpty();
        assertThat(second.currentVersion()).isEqualTo(CatalogScripts.fromClasspath().size());
        assertThat(column(url, "SELECT version || ' ' || applied_at FROM distgres.schema_version ORDER BY 1"))
                .isEqualTo(before);
    }

    @Test
    void newSessionsFindTheViewsWithoutSchemaQualification() throws Exception {
        String url = databases.create("migrate_path");
        migrator(url, CatalogScripts.fromClasspath()).migrate();

        assertThat(column(url, "SHOW search_path")).containsExactly("\"$user\", public, distgres_api");
        assertThat(column(url, "SELECT count(*) FROM citus_nodes")).containsExactly("0");
        assertThat(column(url, "SELECT count(*) FROM dist_shard")).containsExactly("0");
    }

    @Test
    void coordinatorsStartingTogetherApplyEachScriptOnce() throws Exception {
        String url = databases.create("migrate_race");
        List<Callable<CatalogMigrator.Result>> starts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            starts.add(() -> migrator(url, CatalogScripts.fromClasspath()).migrate());
        }
        ExecutorService pool = Executors.newFixedThreadPool(starts.size());
        List<Integer> applied = new ArrayList<>();
        try {
            for (Future<CatalogMigrator.Result> f : pool.invokeAll(starts)) {
                CatalogMigrator.Result result = f.get();
                assertThat(result.currentVersion()).isEqualTo(CatalogScripts.fromClasspath().size());
                applied.addAll(result.applied());
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(applied).containsExactlyInAnyOrderElementsOf(allVersions());
    }

    @Test
    void upgradingGuardsTheShellsOfTablesDistributedBefore() throws Exception {
        String url = databases.create("migrate_guard");
        List<CatalogScript> all = CatalogScripts.fromClasspath();
        migrator(url, all.subList(0, 4)).migrate();
        SqlStatements.execute(url, "CREATE TABLE old_shell (k int, v text)",
                "CREATE FUNCTION old_shell_count() RETURNS bigint LANGUAGE sql AS 'SELECT count(*) FROM old_shell'",
                "INSERT INTO distgres.dist_colocation (shard_count, distribution_type) VALUES (4, 'int4')",
                "INSERT INTO distgres.dist_table VALUES ('old_shell', 'hash', 'k', 1, 4)");
        assertThat(column(url, "SELECT old_shell_count()")).containsExactly("0");

        migrator(url, all).migrate();

        SqlStatements.assertSqlState(url, "SELECT old_shell_count()", "0A000");
        assertThat(column(url, "SELECT pg_get_indexdef(indexrelid) FROM pg_index WHERE indrelid = 'old_shell'::regclass"))
                .containsExactly("CREATE INDEX old_shell_distgres_guard ON public.old_shell USING btree ((1))"
                        + " WHERE distgres.shell_guard('old_shell'::regclass)");
    }

    @Test
    void aFailingScriptLeavesThePreviousVersionIntact() throws Exception {
        String url = databases.create("migrate_fail");
        List<CatalogScript> scripts = List.of(CatalogScripts.fromClasspath().get(0),
                CatalogScript.of("V2__broken.sql", "CREATE TABLE distgres.half_done (x int); SELECT 1/0;"));

        assertThatThrownBy(() -> migrator(url, scripts).migrate())
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("V2__broken.sql")
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("22012"));
        assertThat(column(url, "SELECT version FROM distgres.schema_version")).containsExactly("1");
        assertThat(column(url, "SELECT to_regclass('distgres.half_done') IS NULL")).containsExactly("t");
    }

    @Test
    void refusesAnEditedScriptAndAnUnknownNewerVersion() throws Exception {
        String url = databases.create("migrate_drift");
        migrator(url, CatalogScripts.fromClasspath()).migrate();
        CatalogScript v1 = CatalogScripts.fromClasspath().get(0);

        List<CatalogScript> edited = List.of(CatalogScript.of(v1.fileName(), v1.sql() + "\n-- edited\n"));
        assertThatThrownBy(() -> migrator(url, edited).migrate())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("V1__catalog.sql changed after it was applied");

        assertThatThrownBy(() -> migrator(url, List.of(v1)).migrate())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("at version 2, which this distgres does not know");
    }

    private static CatalogMigrator migrator(String url, List<CatalogScript> scripts) {
        DataSource dataSource = FreshDatabases.dataSource(url);
        return new CatalogMigrator(dataSource, scripts);
    }

    private static List<Integer> allVersions() {
        return CatalogScripts.fromClasspath().stream().map(CatalogScript::version).toList();
    }
}
