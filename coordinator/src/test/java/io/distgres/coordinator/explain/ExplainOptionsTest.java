package io.distgres.coordinator.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.distgres.coordinator.error.PgException;
import io.distgres.planner.sql.StatementText;
import org.junit.jupiter.api.Test;

class ExplainOptionsTest {
    @Test
    void readsTheParenthesisedOptionList() {
        ExplainOptions options = parse("EXPLAIN /* c */ (ANALYZE, Costs 'off', FORMAT text) SELECT 1");
        assertThat(options.options()).containsOnlyKeys("analyze", "costs", "format");
        assertThat(options.analyze()).isTrue();
        assertThat(options.enabled("costs", true)).isFalse();
        assertThat(options.prefix()).isEqualTo("EXPLAIN /* c */ (ANALYZE, Costs 'off', FORMAT text) ");
        assertThat(options.statement().text()).isEqualTo("SELECT 1");
        assertThat(options.prefixWithoutAnalyze()).isEqualTo("EXPLAIN (costs 'off', format text) ");
    }

    @Test
    void readsTheOldSyntax() {
        ExplainOptions options = parse("explain analyse verbose SELECT 1");
        assertThat(options.options()).containsOnlyKeys("analyze", "verbose");
        assertThat(options.statement().text()).isEqualTo("SELECT 1");
        assertThat(parse("EXPLAIN SELECT 1").options()).isEmpty();
    }

    @Test
    void malformedListsAreSyntaxErrorsAtTheirPosition() {
        PgException wrongValue = refused("EXPLAIN (ANALYZE on off) SELECT 1");
        assertThat(wrongValue.error().message()).isEqualTo("syntax error at or near \"off\"");
        assertThat(wrongValue.error().position()).isEqualTo(21);
        assertThat(refused("EXPLAIN (ANALYZE").error().message()).isEqualTo("syntax error at end of input");
        assertThat(refused("EXPLAIN").error().message()).isEqualTo("syntax error at end of input");
        assertThat(refused("EXPLAIN (FORMAT json) SELECT 1").error().message()).contains("FORMAT JSON");
    }

    private static PgException refused(String sql) {
        return catchThrowableOfType(PgException.class, () -> parse(sql));
    }

    private static ExplainOptions parse(String sql) {
        return ExplainOptions.parse(StatementText.of(sql));
    }
}
