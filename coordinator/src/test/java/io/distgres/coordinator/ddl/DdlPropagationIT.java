package io.distgres.coordinator.ddl;

import static io.distgres.coordinator.testing.SqlRows.column;
import static io.distgres.coordinator.testing.SqlRows.joined;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.distgres.coordinator.testing.EmbeddedClusterExtension;
import io.distgres.coordinator.testing.SqlStatements;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.util.PSQLException;

/** DDL on distributed and reference tables reaches the shell and every shard, all or nothing, through pgjdbc. */
class DdlPropagationIT {
    @RegisterExtension
    static final EmbeddedClusterExtension cluster = EmbeddedClusterExtension.cluster();

    @Test
    void createIndexReachesEveryShardAndTheShell() throws SQLException {
        distribute("idx_t", "CREATE TABLE idx_t (k bigint, v text, w int)", 4);
        execute("CREATE INDEX idx_t_v ON idx_t (v)", "CREATE UNIQUE INDEX idx_t_kw ON public.idx_t (k, w)");
        assertThat(column(cluster.coordinatorPostgresJdbcUrl(),
                "SELECT indexname FROM pg_indexes WHERE tablename = 'idx_t' ORDER BY 1"))
                .containsExactly("idx_t_distgres_guard", "idx_t_kw", "idx_t_v");
        for (String[] shard : shards("idx_t")) {
            assertThat(column(workerUrl(shard[1]), "SELECT indexname FROM pg_indexes WHERE tablename = '"
                    + shard[0] + "' ORDER BY 1"))
                    .containsExactly("idx_t_kw_" + shard[2], "idx_t_v_" + shard[2]);
        }
        // a unique index without the distribution column could not be enforced across shards
        assertSqlState("CREATE UNIQUE INDEX idx_t_w ON idx_t (w)", "0A000");
        assertSqlState("CREATE INDEX CONCURRENTLY idx_t_c ON idx_t (w)", "0A000");
    }

    @Test
    void alterTableReachesEveryShard() throws SQLException {
        distribute("alt_t", "CREATE TABLE alt_t (k bigint, v text, old_name int)", 4);
        execute("ALTER TABLE alt_t ADD COLUMN added int DEFAULT 7 NOT NULL",
                "ALTER TABLE alt_t DROP COLUMN v",
                "ALTER TABLE alt_t RENAME COLUMN old_name TO new_name",
                "ALTER TABLE alt_t ADD CONSTRAINT positive CHECK (added > 0)",
                "ALTER TABLE \"alt_t\" ADD COLUMN id bigserial, ALTER COLUMN new_name SET DEFAULT 3");
        String columns = "k:null,new_name:3,added:7,id:null";
        assertThat(column(cluster.coordinatorPostgresJdbcUrl(), columnsQuery("alt_t")).get(0))
                .isEqualTo("k:null,new_name:3,added:7,id:nextval('alt_t_id_seq'::regclass)");
        for (String[] shard : shards("alt_t")) {
            String worker = workerUrl(shard[1]);
            // the sequence default stays on the coordinator, which evaluates it
            assertThat(column(worker, columnsQuery(shard[0]))).containsExactly(columns);
            assertThat(column(worker, "SELECT conname FROM pg_constraint WHERE conrelid = '" + shard[0]
                    + "'::regclass AND contype = 'c'")).containsExactly("positive_" + shard[2]);
        }
        execute("ALTER TABLE alt_t DROP CONSTRAINT positive");
        for (String[] shard : shards("alt_t")) {
            assertThat(column(workerUrl(shard[1]), "SELECT count(*) FROM pg_constraint WHERE conrelid = '"
                    + shard[0] + "'::regclass AND contype = 'c'")).containsExactly("0");
        }
        assertSqlState("ALTER TABLE alt_t DROP COLUMN k", "0A000");
        assertSqlState("ALTER TABLE alt_t RENAME COLUMN k TO kk", "0A000");
        assertSqlState("ALTER TABLE alt_t ALTER COLUMN k TYPE int", "0A000");
        assertSqlState("ALTER TABLE alt_t RENAME TO alt_t2", "0A000");
        assertSqlState("ALTER TABLE alt_t ENABLE ROW LEVEL SECURITY", "0A000");
    }

    @Test
    void failingAlterLeavesShellAndShardsUnchanged() throws SQLException {
        execute("CREATE TABLE chk_t (k bigint, v int)",
                "INSERT INTO chk_t SELECT g, g FROM generate_series(1, 200) g");
        execute("SELECT create_distributed_table('chk_t', 'k', shard_count => 4)");
        List<String[]> shards = shards("chk_t");
        // only some shards hold v > 150: workers that commit before the failing one must be undone
        assertThatThrownBy(() -> execute("ALTER TABLE chk_t ADD COLUMN extra int, ADD CONSTRAINT small CHECK (v < 150)"))
                .isInstanceOfSatisfying(PSQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("23514"));
        assertThat(column(cluster.coordinatorPostgresJdbcUrl(), columnsQuery("chk_t"))).containsExactly("k:null,v:null");
        for (String[] shard : shards) {
            assertThat(column(workerUrl(shard[1]), columnsQuery(shard[0]))).containsExactly("k:null,v:null");
            assertThat(column(workerUrl(shard[1]), "SELECT count(*) FROM pg_constraint WHERE conrelid = '"
                    + shard[0] + "'::regclass AND contype = 'c'")).containsExactly("0");
        }
    }

    @Test
    void insideATransactionBlockIsRefused() throws SQLException {
        distribute("txn_t", "CREATE TABLE txn_t (k bigint)", 2);
        try (Connection c = DriverManager.getConnection(cluster.jdbcUrl()); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            assertThatThrownBy(() -> s.execute("ALTER TABLE txn_t ADD COLUMN x int"))
                    .isInstanceOfSatisfying(PSQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("25001"));
            c.rollback();
        }
    }

    @Test
    void dropTableRemovesShardsAndCatalogRowsAndTheNameCanBeReused() throws SQLException {
        distribute("drop_t", "CREATE TABLE drop_t (k bigint, v text)", 4);
        execute("CREATE TABLE drop_ref (code text PRIMARY KEY)", "SELECT create_reference_table('drop_ref')",
                "CREATE TABLE drop_local (x int)");
        List<String[]> shards = shards("drop_t");
        shards.addAll(shards("drop_ref"));
        execute("DROP TABLE drop_t, drop_local, drop_ref CASCADE");
        for (String[] shard : shards) {
            assertThat(column(workerUrl(shard[1]), "SELECT to_regclass('" + shard[0] + "') IS NULL"))
                    .as("shard %s", shard[0]).containsExactly("t");
        }
        String ids = String.join(",", shards.stream().map(shard -> shard[2]).toList());
        for (String view : List.of("citus_shards", "dist_shard")) {
            assertThat(column(cluster.jdbcUrl(), "SELECT count(*) FROM " + view + " WHERE shardid IN (" + ids + ")"))
                    .as(view).containsExactly("0");
        }
        // a row left behind would name the dropped OID, which prints as a number
        assertThat(column(cluster.jdbcUrl(), "SELECT count(*) FROM citus_tables WHERE table_name::text"
                + " IN ('drop_t', 'drop_ref') OR table_name::text ~ '^[0-9]+$'")).containsExactly("0");
        assertThat(column(cluster.coordinatorPostgresJdbcUrl(), "SELECT count(*) FROM distgres.dist_table"
                + " WHERE logicalrelid::text ~ '^[0-9]+$'")).containsExactly("0");
        assertThat(column(cluster.coordinatorPostgresJdbcUrl(), "SELECT to_regclass('drop_local') IS NULL"))
                .containsExactly("t");
        distribute("drop_t", "CREATE TABLE drop_t (k bigint, other text)", 2);
        assertThat(shards("drop_t")).hasSize(2);
        execute("DROP TABLE IF EXISTS drop_t");
    }

    @Test
    void truncateEmptiesEveryShardOfDistributedAndReferenceTables() throws SQLException {
        execute("CREATE TABLE tr_t (k bigint, v int)", "INSERT INTO tr_t SELECT g, g FROM generate_series(1, 100) g",
                "SELECT create_distributed_table('tr_t', 'k', shard_count => 4)",
                "CREATE TABLE tr_ref (k int)", "INSERT INTO tr_ref VALUES (1), (2)",
                "SELECT create_reference_table('tr_ref')");
        execute("TRUNCATE tr_t, tr_ref");
        List<String[]> shards = shards("tr_t");
        shards.addAll(shards("tr_ref"));
        for (String[] shard : shards) {
            assertThat(column(workerUrl(shard[1]), "SELECT count(*) FROM " + shard[0])).containsExactly("0");
        }
    }

    @Test
    void referenceTablesGetDdlOnEveryPlacement() throws SQLException {
        execute("CREATE TABLE ref_t (code text PRIMARY KEY, name text)", "SELECT create_reference_table('ref_t')",
                "ALTER TABLE ref_t ADD COLUMN population bigint", "CREATE INDEX ref_t_name ON ref_t (name)");
        List<String[]> shards = shards("ref_t");
        assertThat(shards).hasSize(2);
        for (String[] shard : shards) {
            assertThat(column(workerUrl(shard[1]), columnsQuery(shard[0])))
                    .containsExactly("code:null,name:null,population:null");
            assertThat(column(workerUrl(shard[1]), "SELECT count(*) FROM pg_indexes WHERE indexname = 'ref_t_name_"
                    + shard[2] + "'")).containsExactly("1");
        }
    }

    @Test
    void unsupportedStatementsOnDistributedTablesAreRefused() throws SQLException {
        distribute("uns_t", "CREATE TABLE uns_t (k bigint)", 2);
        assertSqlState("CREATE VIEW uns_v AS SELECT * FROM uns_t", "0A000");
        assertSqlState("ALTER TABLE uns_t ADD CHECK (k > 0)", "0A000");
        // a local table whose column shares the name passes through untouched
        execute("CREATE TABLE uns_local (a int)", "ALTER TABLE uns_local ADD COLUMN uns_t int");
        assertThat(column(cluster.coordinatorPostgresJdbcUrl(), columnsQuery("uns_local")))
                .containsExactly("a:null,uns_t:null");
    }

    private static String columnsQuery(String table) {
        return "SELECT string_agg(a.attname || ':' || coalesce(pg_get_expr(d.adbin, d.adrelid), 'null'), ','"
                + " ORDER BY a.attnum) FROM pg_attribute a LEFT JOIN pg_attrdef d"
                + " ON d.adrelid = a.attrelid AND d.adnum = a.attnum WHERE a.attrelid = '" + table
                + "'::regclass AND a.attnum > 0 AND NOT a.attisdropped";
    }

    private static void distribute(String table, String create, int shardCount) throws SQLException {
        execute(create, "SELECT create_distributed_table('" + table + "', 'k', shard_count => " + shardCount + ")");
    }

    /** shard name, worker PostgreSQL port, shard id — one entry per placement. */
    private static List<String[]> shards(String table) throws SQLException {
        return new java.util.ArrayList<>(joined(cluster.jdbcUrl(), "SELECT shard_name, nodeport, shardid FROM citus_shards"
                + " WHERE table_name = '" + table + "'::regclass ORDER BY shardid, nodeport").stream()
                .map(row -> row.split("\\|")).toList());
    }

    private static String workerUrl(String postgresPort) {
        return cluster.workerPostgresJdbcUrl(Integer.parseInt(postgresPort));
    }

    private static void execute(String... statements) throws SQLException {
        SqlStatements.execute(cluster.jdbcUrl(), statements);
    }

    private static void assertSqlState(String sql, String sqlState) {
        SqlStatements.assertSqlState(cluster.jdbcUrl(), sql, sqlState);
    }
}
