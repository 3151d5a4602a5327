package io.distgres.bench;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;

/**
 * One pgbench script at every client count and protocol mode, run alternately on both sides:
 * TPS, p50 and p99 latency, and the distgres JVM's CPU time per transaction.
 */
final class PgbenchBenchmark {
    /** A run's pgbench result with the JVM CPU time spent during it. */
    record Sample(PgbenchResult result, long cpuNanos) {
    }

    /** Which sides an unrecorded run warms up before each mode's measured runs. */
    enum WarmUp {
        /** Both: the JIT and pools of distgres, and the direct side's caches (rows not read since loading). */
        BOTH_SIDES,
        /** Only distgres, whose JIT needs it; for rows the direct side has just loaded or read. */
        DISTGRES_ONLY
    }

    /** Median TPS of each side at one client count and mode, for the chart. */
    record TpsPoint(String mode, int clients, OptionalDouble direct, OptionalDouble distgres) {
    }

    private final String name;
    private final List<String> script;
    private final Pgbench pgbench;
    private final List<Comparison> comparisons = new ArrayList<>();
    private final List<TpsPoint> points = new ArrayList<>();

    PgbenchBenchmark(String name, List<String> script, Pgbench pgbench) {
        this.name = requireNonNull(name, "name is null");
        this.script = List.copyOf(script);
        this.pgbench = requireNonNull(pgbench, "pgbench is null");
    }

    /** Label of one configuration, e.g. {@code pgbench -S simple, 16 clients}. */
    static String label(String name, String mode, int clients) {
        return name + " " + mode + ", " + clients + (clients == 1 ? " client" : " clients");
    }

    /** Runs every mode and client count; results accumulate in {@link #comparisons()} and {@link #points()}. */
    void run(BenchOptions options, List<String> modes, Target direct, Target distgres, java.util.function.Consumer<String> progress)
            throws Exception {
        run(options, modes, options.clients(), WarmUp.BOTH_SIDES, direct, distgres, progress);
    }

    /** Runs every mode at the given client counts (a benchmark defined for one count ignores {@code --clients}). */
    void run(BenchOptions options, List<String> modes, List<Integer> clientCounts, WarmUp warmUp, Target direct,
             Target distgres, java.util.function.Consumer<String> progress) throws Exception {
        for (String mode : modes) {
            // warm-up, not recorded: JIT-compiles the coordinator's path (a short warm-up leaves the JIT
            // compiler threads busy in the measured runs) and fills caches and pools
            if (warmUp == WarmUp.BOTH_SIDES) {
                pgbench.run(direct, script, mode, 4, options.seconds());
            }
            pgbench.run(distgres, script, mode, 4, options.seconds());
            for (int clients : clientCounts) {
                String label = label(name, mode, clients);
                progress.accept("running " + label);
                Alternation.Results<Sample> results = Alternation.run(options.rounds(), direct, distgres, target -> {
                    long cpuBefore = JvmCpu.processCpuNanos();
                    PgbenchResult result = pgbench.run(target, script, mode, clients, options.seconds());
                    return new Sample(result, JvmCpu.processCpuNanos() - cpuBefore);
                }, sample -> !sample.result().succeeded());
                record(label, results);
                progress.accept(label + ": direct " + tpsText(results.direct()) + " TPS, distgres "
                        + tpsText(results.distgres()) + " TPS");
                points.add(new TpsPoint(mode, clients, median(results.direct(), s -> s.result().tps()),
                        median(results.distgres(), s -> s.result().tps())));
            }
        }
    }

    List<Comparison> comparisons() {
        return List.copyOf(comparisons);
    }

    List<TpsPoint> points() {
        return List.copyOf(points);
    }

    private void record(String label, Alternation.Results<Sample> results) {
        Optional<String> directError = firstError(results.direct());
        Optional<String> distgresError = firstError(results.distgres());
        comparisons.add(comparison(label, "TPS", "", Comparison.Better.HIGHER, results, s -> s.result().tps(),
                directError, distgresError));
        comparisons.add(comparison(label, "p50 latency", "ms", Comparison.Better.LOWER, results,
                s -> s.result().p50Millis().orElse(Double.NaN), directError, distgresError));
        comparisons.add(comparison(label, "p99 latency", "ms", Comparison.Better.LOWER, results,
                s -> s.result().p99Millis().orElse(Double.NaN), directError, distgresError));
        List<Double> cpu = results.distgres().stream().filter(s -> s.result().succeeded() && s.result().transactions() > 0)
                .map(s -> s.cpuNanos() / 1000.0 / s.result().transactions()).toList();
        comparisons.add(new Comparison(label, "distgres JVM CPU per transaction", "µs", Comparison.Better.LOWER,
                List.of(), cpu, Optional.empty(), distgresError));
    }

    private static Comparison comparison(String label, String metric, String unit, Comparison.Better better,
                                         Alternation.Results<Sample> results, Function<Sample, Double> value,
                                         Optional<String> directError, Optional<String> distgresError) {
        return new Comparison(label, metric, unit, better, values(results.direct(), value), values(results.distgres(), value),
                directError, distgresError);
    }

    private static List<Double> values(List<Sample> samples, Function<Sample, Double> value) {
        return samples.stream().filter(s -> s.result().succeeded()).map(value).filter(v -> !v.isNaN()).toList();
    }

    private static OptionalDouble median(List<Sample> samples, Function<Sample, Double> value) {
        return firstError(samples).isPresent() ? OptionalDouble.empty() : Stats.median(values(samples, value));
    }

    private static Optional<String> firstError(List<Sample> samples) {
        return samples.stream().map(s -> s.result().error()).flatMap(Optional::stream).findFirst();
    }

    private static String tpsText(List<Sample> samples) {
        Optional<String> error = firstError(samples);
        if (error.isPresent()) {
            return "(error: " + error.get() + ")";
        }
        OptionalDouble median = Stats.median(values(samples, s -> s.result().tps()));
        return median.isPresent() ? ResultTable.number(median.getAsDouble()) : "—";
    }
}
