package io.distgres.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class StatsTest {
    @Test
    void medianOfAnOddCountIsTheMiddleValue() {
        assertThat(Stats.median(List.of(9.0, 1.0, 5.0))).hasValue(5.0);
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertThat(Stats.median(List.of(4.0, 1.0, 3.0, 10.0))).hasValue(3.5);
    }

    @Test
    void medianOfNothingIsEmpty() {
        assertThat(Stats.median(List.of())).isEmpty();
    }

    @Test
    void percentileUsesTheNearestRank() {
        long[] values = {50, 10, 40, 20, 30, 60, 70, 80, 90, 100};

        assertThat(Stats.percentile(values.clone(), 10, 50)).hasValue(50);
        assertThat(Stats.percentile(values.clone(), 10, 99)).hasValue(100);
        assertThat(Stats.percentile(values.clone(), 10, 10)).hasValue(10);
        assertThat(Stats.percentile(values.clone(), 3, 100)).hasValue(50); // only the first three count
        assertThatThrownBy(() -> Stats.percentile(values, 10, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ratioIsEmptyWithoutBothSidesOrWithAZeroDenominator() {
        assertThat(Stats.ratio(OptionalDouble.of(3), OptionalDouble.of(4))).hasValue(0.75);
        assertThat(Stats.ratio(OptionalDouble.empty(), OptionalDouble.of(4))).isEmpty();
        assertThat(Stats.ratio(OptionalDouble.of(3), OptionalDouble.of(0))).isEmpty();
    }

    @Test
    void comparisonRatioIsDistgresMedianOverDirectMedianAndEmptyWhenASideFailed() {
        Comparison measured = new Comparison("b", "TPS", "", Comparison.Better.HIGHER, List.of(1000.0, 3000.0, 2000.0),
                List.of(500.0, 1500.0, 1000.0), java.util.Optional.empty(), java.util.Optional.empty());
        Comparison failed = new Comparison("b", "TPS", "", Comparison.Better.HIGHER, List.of(1000.0), List.of(),
                java.util.Optional.empty(), java.util.Optional.of("ERROR: not supported"));

        assertThat(measured.ratio()).hasValue(0.5);
        assertThat(failed.ratio()).isEmpty();
    }
}
