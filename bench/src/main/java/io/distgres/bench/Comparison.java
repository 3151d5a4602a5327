package io.distgres.bench;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One measured quantity on both sides: every run's value (alternating runs), and the error of a
 * side that could not run it. A side with no values and no error was not measured there (e.g.
 * the coordinator's CPU has no direct counterpart).
 *
 * @param benchmark e.g. {@code pgbench -S simple, 16 clients}
 * @param metric    e.g. {@code TPS}
 * @param unit      printed after the metric
 * @param better    which direction is an improvement
 */
public record Comparison(String benchmark, String metric, String unit, Better better, List<Double> direct,
                         List<Double> distgres, Optional<String> directError, Optional<String> distgresError) {
    /** Which direction of a metric is an improvement. */
    public enum Better { HIGHER, LOWER }

    public Comparison {
        requireNonNull(benchmark, "benchmark is null");
        requireNonNull(metric, "metric is null");
        requireNonNull(unit, "unit is null");
        requireNonNull(better, "better is null");
        direct = List.copyOf(direct);
        distgres = List.copyOf(distgres);
        requireNonNull(directError, "directError is null");
        requireNonNull(distgresError, "distgresError is null");
    }

    public OptionalDouble directMedian() {
        return directError.isPresent() ? OptionalDouble.empty() : Stats.median(direct);
    }

    public OptionalDouble distgresMedian() {
        return distgresError.isPresent() ? OptionalDouble.empty() : Stats.median(distgres);
    }

    /** Median of distgres ÷ median of direct. */
    public OptionalDouble ratio() {
        return Stats.ratio(distgresMedian(), directMedian());
    }
}
