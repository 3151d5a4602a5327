package io.distgres.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * pgbench's schema and rows for distgres, where {@code pgbench -i} cannot run (it loads inside a
 * transaction block): the same tables with their primary keys, accounts distributed by
 * {@code aid}, branches and tellers as reference tables, history distributed by {@code aid}, and
 * the rows pgbench generates (COPY text files loaded with psql's {@code \copy}).
 */
final class PgbenchData {
    static final String ACCOUNTS_COLUMNS = "aid int NOT NULL PRIMARY KEY, bid int, abalance int, filler char(84)";
    private final Path directory;
    private final int scale;
    private final Psql psql;

    PgbenchData(Path directory, int scale, Psql psql) {
        this.directory = directory;
        this.scale = scale;
        this.psql = psql;
    }

    /** The accounts rows as pgbench generates them: aid, bid = (aid - 1) / 100000 + 1, abalance 0, empty filler. */
    Path accountsFile() throws IOException {
        return accountsFile(100_000L * scale);
    }

    /** The first {@code rows} accounts as pgbench would generate them at a large enough scale. */
    Path accountsFile(long rows) throws IOException {
        Path file = directory.resolve("pgbench_accounts-" + rows + ".copy");
        if (!Files.exists(file)) {
            writeRows(file, rows, n -> n + "\t" + ((n - 1) / 100_000 + 1) + "\t0\t");
        }
        return file;
    }

    /**
     * A copy of pgbench_accounts as a plain table {@code table} on both sides: on distgres a local
     * table of the coordinator's PostgreSQL, never distributed, so statements on it pass through.
     * Vacuumed and analyzed like pgbench_accounts (on the coordinator's PostgreSQL directly, as
     * VACUUM is not passed through yet).
     */
    void loadLocalCopy(String table, Target direct, DistgresCluster cluster) throws IOException, SQLException {
        for (Target target : List.of(direct, cluster.target())) {
            createAccountsTable(target, table, false);
            psql.copyIn(target, table, accountsFile());
        }
        for (String url : List.of(direct.jdbcUrl(), cluster.coordinatorPostgresJdbcUrl())) {
            try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
                s.execute("VACUUM ANALYZE " + table);
            }
        }
    }

    void loadInto(DistgresCluster cluster) throws IOException, SQLException {
        Target target = cluster.target();
        try (Connection c = DriverManager.getConnection(target.jdbcUrl()); Statement s = c.createStatement()) {
            for (String table : List.of("pgbench_history", "pgbench_tellers", "pgbench_accounts", "pgbench_branches")) {
                s.execute("DROP TABLE IF EXISTS " + table);
            }
            s.execute("CREATE TABLE pgbench_history (tid int, bid int, aid int, delta int, mtime timestamp, filler char(22))");
            s.execute("CREATE TABLE pgbench_tellers (tid int NOT NULL PRIMARY KEY, bid int, tbalance int, filler char(84))");
            s.execute("CREATE TABLE pgbench_accounts (" + ACCOUNTS_COLUMNS + ")");
            s.execute("CREATE TABLE pgbench_branches (bid int NOT NULL PRIMARY KEY, bbalance int, filler char(88))");
            s.execute("SELECT create_reference_table('pgbench_branches')");
            s.execute("SELECT create_reference_table('pgbench_tellers')");
            s.execute("SELECT create_distributed_table('pgbench_accounts', 'aid')");
            s.execute("SELECT create_distributed_table('pgbench_history', 'aid')");
        }
        Path branches = directory.resolve("pgbench_branches.copy");
        writeRows(branches, scale, n -> n + "\t0\t");
        Path tellers = directory.resolve("pgbench_tellers.copy");
        writeRows(tellers, 10L * scale, n -> n + "\t" + ((n - 1) / 10 + 1) + "\t0\t");
        psql.copyIn(target, "pgbench_branches", branches);
        psql.copyIn(target, "pgbench_tellers", tellers);
        psql.copyIn(target, "pgbench_accounts", accountsFile());
        // what pgbench -i does after loading; through the coordinator VACUUM is not routed yet
        for (String url : cluster.workerJdbcUrls()) {
            try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
                s.execute("VACUUM ANALYZE");
            }
        }
    }

    /** An empty table {@code table} shaped like pgbench_accounts, replacing any before; distributed by aid when asked. */
    static void createAccountsTable(Target target, String table, boolean distribute) throws SQLException {
        try (Connection c = DriverManager.getConnection(target.jdbcUrl()); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + table);
            s.execute("CREATE TABLE " + table + " (" + ACCOUNTS_COLUMNS + ")");
            if (distribute) {
                s.execute("SELECT create_distributed_table('" + table + "', 'aid')");
            }
        }
    }

    private static void writeRows(Path file, long count, java.util.function.LongFunction<String> row) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (long n = 1; n <= count; n++) {
                out.write(row.apply(n));
                out.write('\n');
            }
        }
    }
}
