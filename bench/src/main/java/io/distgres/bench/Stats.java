package io.distgres.bench;

import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;

/** Medians, percentiles and ratios of measured values. */
public final class Stats {
    private Stats() {
    }

    /** The median of {@code values} (mean of the middle two for an even count); empty when there are none. */
    public static OptionalDouble median(List<Double> values) {
        if (values.isEmpty()) {
            return OptionalDouble.empty();
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int middle = sorted.length / 2;
        return OptionalDouble.of(sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2);
    }

    /**
     * The nearest-rank percentile {@code p} (0 &lt; p &le; 100) of {@code values}, which this sorts in
     * place; empty when there are none.
     */
    public static OptionalDouble percentile(long[] values, int count, double p) {
        if (count == 0) {
            return OptionalDouble.empty();
        }
        if (p <= 0 || p > 100) {
            throw new IllegalArgumentException("percentile must be in (0, 100]: " + p);
        }
        Arrays.sort(values, 0, count);
        int rank = (int) Math.ceil(p / 100.0 * count);
        return OptionalDouble.of(values[Math.max(rank, 1) - 1]);
    }

    /** {@code numerator ÷ denominator}, empty when either is missing or the denominator is zero. */
    public static OptionalDouble ratio(OptionalDouble numerator, OptionalDouble denominator) {
        if (numerator.isEmpty() || denominator.isEmpty() || denominator.getAsDouble() == 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(numerator.getAsDouble() / denominator.getAsDouble());
    }
}
