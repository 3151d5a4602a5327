package io.distgres.planner.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SqlLiteralsTest {
    @Test
    void quotingDoublesSingleQuotes() {
        assertThat(SqlLiterals.quote("it's")).isEqualTo("'it''s'");
        assertThat(SqlLiterals.value(SqlLiterals.quote("it's \\n"))).isEqualTo("it's \\n");
    }

    @Test
    void standardStringsKeepBackslashes() {
        assertThat(SqlLiterals.value("'a''b\\t'")).isEqualTo("a'b\\t");
        assertThat(SqlLiterals.value("''")).isEmpty();
    }

    @Test
    void escapeStringsReadCEscapes() {
        assertThat(SqlLiterals.value("E'tab\\there'")).isEqualTo("tab\there");
        assertThat(SqlLiterals.value("e'\\n\\r\\b\\f\\\\\\''")).isEqualTo("\n\r\b\f\\'");
        assertThat(SqlLiterals.value("E'\\x41\\101\\u00e9\\U0001F600'")).isEqualTo("AAé😀");
        assertThat(SqlLiterals.value("E'it''s'")).isEqualTo("it's");
    }

    @Test
    void dollarStringsAreVerbatim() {
        assertThat(SqlLiterals.value("$$it's \\n$$")).isEqualTo("it's \\n");
        assertThat(SqlLiterals.value("$fn$ $$ inside $fn$")).isEqualTo(" $$ inside ");
        assertThat(SqlLiterals.value("$$")).isEmpty();
    }

    @Test
    void unterminatedLiteralsYieldWhatTheyHold() {
        assertThat(SqlLiterals.value("'open")).isEqualTo("open");
        assertThat(SqlLiterals.value("$x$open")).isEqualTo("open");
    }

    @Test
    void terminationIsToldApartFromAnOpenLiteral() {
        assertThat(SqlLiterals.isTerminated("'a''b'")).isTrue();
        assertThat(SqlLiterals.isTerminated("'a''")).isFalse();
        assertThat(SqlLiterals.isTerminated("E'a\\'")).isFalse();
        assertThat(SqlLiterals.isTerminated("E'a\\''")).isTrue();
        assertThat(SqlLiterals.isTerminated("E'a\\\\'")).isTrue();
        assertThat(SqlLiterals.isTerminated("\"x\"\"y\"")).isTrue();
        assertThat(SqlLiterals.isTerminated("\"x\"\"")).isFalse();
        assertThat(SqlLiterals.isTerminated("$t$ $$ $t$")).isTrue();
        assertThat(SqlLiterals.isTerminated("$$")).isFalse();
        assertThat(SqlLiterals.isTerminated("$$$$")).isTrue();
    }
}
