package io.distgres.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class IssueGoalsTest {
    private static final String TRANSFER_ROW = PgbenchBenchmark.label(BenchMain.TRANSFER, "simple", 8);
    private static final String LOCAL_PREPARED_ROW = PgbenchBenchmark.label(BenchMain.LOCAL_SELECT, "prepared", 16);

    @Test
    void newRowsAreJudgedByTheirRatioAndMissingRowsAreNotMeasured() {
        List<Goal> goals = IssueGoals.reached(List.of(
                higher(LOCAL_PREPARED_ROW, "TPS", List.of(10_000.0), List.of(6_000.0)),
                higher(TRANSFER_ROW, "TPS", List.of(4_000.0), List.of(1_000.0)),
                higher("SELECT * of 1,000,000 rows (psql -At, output discarded)", "rows per second",
                        List.of(400_000.0), List.of(300_000.0))));

        assertThat(goal(goals, LOCAL_PREPARED_ROW + ": TPS").reached()).isEqualTo(OptionalDouble.of(0.6));
        assertThat(goal(goals, LOCAL_PREPARED_ROW + ": TPS").verdict()).isEqualTo("met");
        assertThat(goal(goals, TRANSFER_ROW + ": TPS").verdict()).isEqualTo("not met");
        assertThat(goal(goals, "SELECT * of a distributed table").reached()).isEqualTo(OptionalDouble.of(0.75));
        assertThat(goal(goals, "pgbench TPC-B-like simple, 16 clients: TPS").verdict()).isEqualTo("not measured");
    }

    @Test
    void cpuGoalsReadDistgresMedianAgainstAnUpperBound() {
        String row = PgbenchBenchmark.label(BenchMain.SELECT_ONLY, "prepared", 16);
        Comparison cpu = new Comparison(row, "distgres JVM CPU per transaction", "µs", Comparison.Better.LOWER, List.of(),
                List.of(70.0, 50.0, 55.0), Optional.empty(), Optional.empty());

        Goal goal = goal(IssueGoals.reached(List.of(cpu)), row + ": distgres JVM CPU");

        assertThat(goal.reached()).isEqualTo(OptionalDouble.of(55.0));
        assertThat(goal.atLeast()).isFalse();
        assertThat(goal.verdict()).isEqualTo("met");
    }

    private static Comparison higher(String benchmark, String metric, List<Double> direct, List<Double> distgres) {
        return new Comparison(benchmark, metric, "", Comparison.Better.HIGHER, direct, distgres, Optional.empty(),
                Optional.empty());
    }

    private static Goal goal(List<Goal> goals, String descriptionPrefix) {
        return goals.stream().filter(g -> g.description().startsWith(descriptionPrefix)).findFirst().orElseThrow();
    }
}
