package io.distgres.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class ResultTableTest {
    @Test
    void rendersMediansRatiosAndEveryRun() {
        Comparison tps = new Comparison("pgbench -S simple, 16 clients", "TPS", "", Comparison.Better.HIGHER,
                List.of(12000.0, 14000.0, 13000.0), List.of(6600.0, 6400.0, 6500.0), Optional.empty(), Optional.empty());

        String table = ResultTable.table(List.of(tps));

        assertThat(table).isEqualTo("""
                | benchmark | metric | direct PostgreSQL | distgres | distgres ÷ direct | runs (direct; distgres) |
                |---|---|---:|---:|---:|---|
                | pgbench -S simple, 16 clients | TPS | 13,000 | 6,500 | 0.5× | 12,000 14,000 13,000; 6,600 6,400 6,500 |
                """);
    }

    @Test
    void showsAnErrorOnceAndMarksLowerIsBetterMetrics() {
        Optional<String> error = Optional.of("ERROR: writes | inside a transaction block are not supported");
        Comparison tps = new Comparison("TPC-B", "TPS", "", Comparison.Better.HIGHER, List.of(900.0), List.of(),
                Optional.empty(), error);
        Comparison p50 = new Comparison("TPC-B", "p50 latency", "ms", Comparison.Better.LOWER, List.of(1.25), List.of(),
                Optional.empty(), error);

        String table = ResultTable.table(List.of(tps, p50));

        assertThat(table).contains("| TPC-B | TPS | 900 | **not supported yet**: ERROR: writes \\| inside a transaction"
                + " block are not supported | — | 900; — |");
        assertThat(table).contains("| TPC-B | p50 latency (ms), lower is better | 1.25 | (same error) | — | 1.25; — |");
    }

    @Test
    void otherErrorsAreReportedAsFailures() {
        Comparison scan = new Comparison("scan", "rows/s", "", Comparison.Better.HIGHER, List.of(1.0), List.of(),
                Optional.empty(), Optional.of("wrong result: distgres returned '1', PostgreSQL '2'"));

        assertThat(ResultTable.table(List.of(scan))).contains("**failed**: wrong result");
    }

    @Test
    void reportListsSetupAndGoalVerdicts() {
        String report = ResultTable.render("distgres vs PostgreSQL", List.of("machine: 2 cores"), List.of(), List.of(
                new Goal("TPS ratio", 0.5, true, OptionalDouble.of(0.62)),
                new Goal("added p50 (ms)", 0.3, false, OptionalDouble.of(0.45)),
                new Goal("scan ratio", 0.8, true, OptionalDouble.empty())));

        assertThat(report).startsWith("# distgres vs PostgreSQL\n\n- machine: 2 cores\n");
        assertThat(report).contains("| TPS ratio | ≥ 0.5 | 0.62 | met |");
        assertThat(report).contains("| added p50 (ms) | ≤ 0.3 | 0.45 | not met |");
        assertThat(report).contains("| scan ratio | ≥ 0.8 | — | not measured |");
    }

    @Test
    void numbersKeepAboutThreeSignificantDigits() {
        assertThat(ResultTable.number(18352.41)).isEqualTo("18,352");
        assertThat(ResultTable.number(537.4)).isEqualTo("537");
        assertThat(ResultTable.number(19.44)).isEqualTo("19.4");
        assertThat(ResultTable.number(0.0781)).isEqualTo("0.078");
        assertThat(ResultTable.number(2.0)).isEqualTo("2");
    }
}
