package io.distgres.bench;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * COPY ingest: the same accounts file loaded with psql's {@code \copy} into an empty table shaped
 * like pgbench_accounts (distributed by {@code aid} on distgres), emptied before every run.
 */
final class CopyIngestBenchmark {
    static final String TABLE = "bench_copy_accounts";
    private final Psql psql;

    CopyIngestBenchmark(Psql psql) {
        this.psql = requireNonNull(psql, "psql is null");
    }

    /** One load: wall seconds, or the error psql printed. */
    record Sample(double seconds, Optional<String> error) {
    }

    List<Comparison> run(BenchOptions options, Path file, Target direct, Target distgres,
                         java.util.function.Consumer<String> progress) throws Exception {
        PgbenchData.createAccountsTable(direct, TABLE, false);
        PgbenchData.createAccountsTable(distgres, TABLE, true);
        progress.accept("running COPY ingest of " + options.accounts() + " rows");
        Alternation.Results<Sample> results = Alternation.run(options.rounds(), direct, distgres, target -> {
            ProcessRun truncate = psql.run(target, "TRUNCATE " + TABLE);
            if (truncate.exitCode() != 0) {
                return new Sample(0, Optional.of(truncate.stderr().strip()));
            }
            String path = file.toAbsolutePath().toString().replace("'", "''");
            ProcessRun copy = psql.run(target, "\\copy " + TABLE + " FROM '" + path + "'");
            return copy.exitCode() == 0 ? new Sample(copy.wallNanos() / 1e9, Optional.empty())
                    : new Sample(0, Optional.of(copy.stderr().strip()));
        }, sample -> sample.error().isPresent());
        String label = String.format(java.util.Locale.ROOT, "COPY ingest (psql \\copy, %,d rows)", options.accounts());
        double rows = options.accounts();
        List<Comparison> comparisons = List.of(new Comparison(label, "rows per second", "", Comparison.Better.HIGHER,
                results.direct().stream().filter(s -> s.error().isEmpty()).map(s -> rows / s.seconds()).toList(),
                results.distgres().stream().filter(s -> s.error().isEmpty()).map(s -> rows / s.seconds()).toList(),
                results.direct().stream().map(Sample::error).flatMap(Optional::stream).findFirst(),
                results.distgres().stream().map(Sample::error).flatMap(Optional::stream).findFirst()));
        progress.accept(ResultTable.table(comparisons));
        return comparisons;
    }
}
