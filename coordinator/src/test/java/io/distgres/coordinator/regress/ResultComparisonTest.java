package io.distgres.coordinator.regress;

import static org.assertj.core.api.Assertions.assertThat;

import io.distgres.coordinator.regress.StatementOutcome.Column;
import io.distgres.coordinator.regress.StatementOutcome.Failure;
import io.distgres.coordinator.regress.StatementOutcome.Rows;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultComparisonTest {
    private static final List<Column> TEXT_AND_FLOAT = List.of(new Column("name", 25), new Column("score", 701));
    private static final List<Column> TEXT_AND_NUMERIC = List.of(new Column("name", 25), new Column("amount", 1700));

    @Test
    void unorderedRowsMatchAsMultisets() {
        Rows expected = rows(TEXT_AND_NUMERIC, row("a", "1.50"), row("b", null), row("a", "1.50"));
        Rows actual = rows(TEXT_AND_NUMERIC, row("b", null), row("a", "1.50"), row("a", "1.50"));
        assertThat(ResultComparison.difference(expected, actual, false)).isEmpty();
    }

    @Test
    void orderedRowsMustComeInTheSameOrder() {
        Rows expected = rows(TEXT_AND_NUMERIC, row("a", "1"), row("b", "2"));
        Rows actual = rows(TEXT_AND_NUMERIC, row("b", "2"), row("a", "1"));
        assertThat(ResultComparison.difference(expected, actual, true)).hasValueSatisfying(
                report -> assertThat(report).contains("different order").contains("first difference at row 1"));
    }

    @Test
    void missingAndExtraRowsAreListed() {
        Rows expected = rows(TEXT_AND_NUMERIC, row("a", "1"), row("a", "1"), row("c", "3"));
        Rows actual = rows(TEXT_AND_NUMERIC, row("a", "1"), row("c", "3"), row("d", null));
        assertThat(ResultComparison.difference(expected, actual, false)).hasValueSatisfying(report -> assertThat(report)
                .contains("missing (PostgreSQL has, distgres lacks): 1\n  ('a', '1')")
                .contains("extra (distgres has, PostgreSQL lacks): 1\n  ('d', NULL)"));
    }

    @Test
    void numericScaleIsComparedAsText() {
        Rows expected = rows(TEXT_AND_NUMERIC, row("a", "1.50"));
        Rows actual = rows(TEXT_AND_NUMERIC, row("a", "1.5"));
        assertThat(ResultComparison.difference(expected, actual, false)).isPresent();
    }

    @Test
    void floatsMatchWithinRelativeTolerance() {
        Rows expected = rows(TEXT_AND_FLOAT, row("a", "1234.5678901234"), row("b", "NaN"), row("c", "-Infinity"));
        Rows close = rows(TEXT_AND_FLOAT, row("c", "-Infinity"), row("a", "1234.5678901235"), row("b", "NaN"));
        Rows far = rows(TEXT_AND_FLOAT, row("a", "1234.5679"), row("b", "NaN"), row("c", "-Infinity"));
        assertThat(ResultComparison.difference(expected, close, false)).isEmpty();
        assertThat(ResultComparison.difference(expected, far, false)).isPresent();
    }

    @Test
    void columnNamesAndTypesMustMatch() {
        Rows expected = rows(TEXT_AND_NUMERIC, row("a", "1"));
        Rows renamed = rows(List.of(new Column("name", 25), new Column("total", 1700)), row("a", "1"));
        Rows retyped = rows(List.of(new Column("name", 25), new Column("amount", 20)), row("a", "1"));
        assertThat(ResultComparison.difference(expected, renamed, false)).hasValueSatisfying(
                report -> assertThat(report).startsWith("columns differ"));
        assertThat(ResultComparison.difference(expected, retyped, false)).isPresent();
    }

    @Test
    void errorsMatchBySqlState() {
        assertThat(ResultComparison.difference(new Failure("22012", "division by zero"),
                new Failure("22012", "other text"), false)).isEmpty();
        assertThat(ResultComparison.difference(new Failure("22012", "x"), new Failure("42703", "y"), false)).isPresent();
        assertThat(ResultComparison.difference(new Failure("22012", "x"), rows(TEXT_AND_NUMERIC), false)).isPresent();
    }

    @Test
    void updateCountsMustMatch() {
        assertThat(ResultComparison.difference(new Rows(List.of(), List.of(), 3), new Rows(List.of(), List.of(), 2),
                false)).hasValueSatisfying(report -> assertThat(report).contains("PostgreSQL 3, distgres 2"));
    }

    private static List<String> row(String... values) {
        return Arrays.asList(values);
    }

    @SafeVarargs
    private static Rows rows(List<Column> columns, List<String>... rows) {
        return new Rows(columns, List.of(rows), rows.length);
    }
}
