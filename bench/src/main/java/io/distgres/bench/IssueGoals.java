package io.distgres.bench;

import static io.distgres.bench.BenchMain.LOCAL_SELECT;
import static io.distgres.bench.BenchMain.LOCAL_SELECT_CLIENTS;
import static io.distgres.bench.BenchMain.SELECT_ONLY;
import static io.distgres.bench.BenchMain.TPC_B;
import static io.distgres.bench.BenchMain.TRANSFER;
import static io.distgres.bench.BenchMain.TRANSFER_CLIENTS;
import static io.distgres.bench.PgbenchBenchmark.label;

import java.util.List;
import java.util.OptionalDouble;

/**
 * The "must reach" values of the performance issues (issue 12, "a routed statement at close to
 * PostgreSQL's own cost", and the full-scan and COPY goals before it), read from one run's
 * comparisons. A goal whose row did not run is "not measured".
 */
final class IssueGoals {
    private static final String CPU_PER_TRANSACTION = "distgres JVM CPU per transaction";

    private IssueGoals() {
    }

    static List<Goal> reached(List<Comparison> comparisons) {
        String selectSimple = label(SELECT_ONLY, "simple", 16);
        String selectPrepared = label(SELECT_ONLY, "prepared", 16);
        String tpcb = label(TPC_B, "simple", 16);
        String localSimple = label(LOCAL_SELECT, "simple", LOCAL_SELECT_CLIENTS);
        String localPrepared = label(LOCAL_SELECT, "prepared", LOCAL_SELECT_CLIENTS);
        String transfer = label(TRANSFER, "simple", TRANSFER_CLIENTS);
        return List.of(
                new Goal(selectSimple + ": TPS distgres ÷ direct", 0.5, true, ratio(comparisons, selectSimple, "TPS")),
                new Goal(selectPrepared + ": TPS distgres ÷ direct", 0.4, true, ratio(comparisons, selectPrepared, "TPS")),
                new Goal(selectPrepared + ": distgres JVM CPU per transaction (µs)", 60, false,
                        distgres(comparisons, selectPrepared, CPU_PER_TRANSACTION)),
                new Goal(label(SELECT_ONLY, "prepared", 1) + ": p50 latency added (ms)", 0.15, false,
                        added(comparisons, label(SELECT_ONLY, "prepared", 1), "p50 latency")),
                new Goal(label(SELECT_ONLY, "simple", 1) + ": p50 latency added (ms)", 0.3, false,
                        added(comparisons, label(SELECT_ONLY, "simple", 1), "p50 latency")),
                new Goal(tpcb + ": TPS distgres ÷ direct", 0.25, true, ratio(comparisons, tpcb, "TPS")),
                new Goal(tpcb + ": distgres JVM CPU per transaction (µs)", 600, false,
                        distgres(comparisons, tpcb, CPU_PER_TRANSACTION)),
                new Goal(localSimple + ": TPS distgres ÷ direct", 0.5, true, ratio(comparisons, localSimple, "TPS")),
                new Goal(localPrepared + ": TPS distgres ÷ direct", 0.5, true, ratio(comparisons, localPrepared, "TPS")),
                new Goal("SELECT * of a distributed table through psql: rows/s distgres ÷ direct", 0.7, true,
                        ratio(comparisons, "SELECT * of", "rows per second")),
                new Goal(transfer + ": TPS distgres ÷ direct", 0.3, true, ratio(comparisons, transfer, "TPS")),
                new Goal("full-scan aggregate: rows/s distgres ÷ direct", 0.8, true,
                        ratio(comparisons, "full-scan aggregate", "rows scanned per second")),
                new Goal("COPY ingest: rows/s distgres ÷ direct", 0.5, true, ratio(comparisons, "COPY ingest", "rows per second")));
    }

    private static OptionalDouble ratio(List<Comparison> comparisons, String benchmarkPrefix, String metric) {
        return comparisons.stream().filter(c -> c.benchmark().startsWith(benchmarkPrefix) && c.metric().equals(metric))
                .findFirst().map(Comparison::ratio).orElse(OptionalDouble.empty());
    }

    private static OptionalDouble distgres(List<Comparison> comparisons, String benchmark, String metric) {
        return comparisons.stream().filter(c -> c.benchmark().equals(benchmark) && c.metric().equals(metric))
                .findFirst().map(Comparison::distgresMedian).orElse(OptionalDouble.empty());
    }

    private static OptionalDouble added(List<Comparison> comparisons, String benchmark, String metric) {
        return comparisons.stream().filter(c -> c.benchmark().equals(benchmark) && c.metric().equals(metric)).findFirst()
                .map(c -> c.distgresMedian().isPresent() && c.directMedian().isPresent()
                        ? OptionalDouble.of(c.distgresMedian().getAsDouble() - c.directMedian().getAsDouble())
                        : OptionalDouble.empty())
                .orElse(OptionalDouble.empty());
    }
}
