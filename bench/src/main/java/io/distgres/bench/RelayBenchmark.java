package io.distgres.bench;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code SELECT *} of a million-row distributed table through psql, output discarded: what it
 * costs to relay every row of every shard to a client. The direct side reads the same rows from a
 * plain table. pgbench_accounts is that table at scale 10; at other scales a dedicated table
 * holds the first million accounts. psql reports the rows it received, and a count other than a
 * million is reported as an error, never as a speed.
 */
final class RelayBenchmark {
    static final long ROWS = 1_000_000;
    static final String DEDICATED_TABLE = "bench_relay_accounts";
    private final Psql psql;
    private final Path workDirectory;

    RelayBenchmark(Psql psql, Path workDirectory) {
        this.psql = requireNonNull(psql, "psql is null");
        this.workDirectory = requireNonNull(workDirectory, "workDirectory is null");
    }

    /** One query: psql's wall time, the JVM's CPU during it, or what went wrong. */
    record Sample(double seconds, long cpuNanos, Optional<String> error) {
    }

    List<Comparison> run(BenchOptions options, PgbenchData data, Target direct, DistgresCluster cluster,
                         Consumer<String> progress) throws Exception {
        Target distgres = cluster.target();
        String table = "pgbench_accounts";
        if (options.accounts() != ROWS) {
            table = DEDICATED_TABLE;
            load(data.accountsFile(ROWS), direct, cluster);
        }
        // \g writes the rows formatted as -At would print them; ROW_COUNT is what psql received
        Path script = script("relay.sql", "SELECT * FROM " + table + " \\g /dev/null\n\\echo :ROW_COUNT\n");
        String label = String.format(Locale.ROOT, "SELECT * of %,d rows (psql -At, output discarded)", ROWS);
        progress.accept("running " + label + " from " + table);
        // not recorded: JIT-compiles distgres's relay of rows, on a tenth of them to keep --quick short
        psql.runScript(distgres, script("relay-warm-up.sql", "SELECT * FROM " + table + " LIMIT " + ROWS / 10
                + " \\g /dev/null\n")); // a failure shows in the measured runs
        Alternation.Results<Sample> results = Alternation.run(options.rounds(), direct, distgres,
                target -> execute(target, script), sample -> sample.error().isPresent());
        List<Comparison> comparisons = List.of(
                new Comparison(label, "rows per second", "", Comparison.Better.HIGHER,
                        ok(results.direct()).stream().map(s -> ROWS / s.seconds()).toList(),
                        ok(results.distgres()).stream().map(s -> ROWS / s.seconds()).toList(),
                        firstError(results.direct()), firstError(results.distgres())),
                new Comparison(label, "distgres JVM CPU per query", "ms", Comparison.Better.LOWER, List.of(),
                        ok(results.distgres()).stream().map(s -> s.cpuNanos() / 1e6).toList(), Optional.empty(),
                        firstError(results.distgres())));
        progress.accept(ResultTable.table(comparisons));
        return comparisons;
    }

    private Sample execute(Target target, Path script) throws IOException {
        long cpuBefore = JvmCpu.processCpuNanos();
        ProcessRun run = psql.runScript(target, script);
        long cpu = JvmCpu.processCpuNanos() - cpuBefore;
        if (run.exitCode() != 0) {
            return new Sample(0, 0, Optional.of(run.stderr().strip()));
        }
        String received = run.stdout().strip();
        if (!received.equals(Long.toString(ROWS))) {
            return new Sample(0, 0, Optional.of("wrong result: psql received " + received + " rows, not " + ROWS));
        }
        return new Sample(run.wallNanos() / 1e9, cpu, Optional.empty());
    }

    private Path script(String name, String text) throws IOException {
        return Files.writeString(Files.createDirectories(workDirectory).resolve(name), text, StandardCharsets.UTF_8);
    }

    /** The dedicated table on both sides, vacuumed as pgbench_accounts is (it also sets the rows' hint bits). */
    private void load(Path file, Target direct, DistgresCluster cluster) throws IOException, SQLException {
        PgbenchData.createAccountsTable(direct, DEDICATED_TABLE, false);
        PgbenchData.createAccountsTable(cluster.target(), DEDICATED_TABLE, true);
        psql.copyIn(direct, DEDICATED_TABLE, file);
        psql.copyIn(cluster.target(), DEDICATED_TABLE, file);
        try (Connection c = DriverManager.getConnection(direct.jdbcUrl()); Statement s = c.createStatement()) {
            s.execute("VACUUM ANALYZE " + DEDICATED_TABLE);
        }
        // through the coordinator VACUUM is not routed yet: each worker vacuums its shards
        for (String url : cluster.workerJdbcUrls()) {
            try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
                s.execute("VACUUM ANALYZE");
            }
        }
    }


    private static List<Sample> ok(List<Sample> samples) {
        return samples.stream().filter(s -> s.error().isEmpty()).toList();
    }

    private static Optional<String> firstError(List<Sample> samples) {
        return samples.stream().map(Sample::error).flatMap(Optional::stream).findFirst();
    }
}
