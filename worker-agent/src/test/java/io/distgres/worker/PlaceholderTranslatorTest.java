package io.distgres.worker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlaceholderTranslatorTest {
    @Test
    void rewritesPlaceholdersInOrderOfAppearance() {
        PlaceholderTranslator.TranslatedSql sql = PlaceholderTranslator.translate("SELECT $2 + $1, $2, $10");

        assertThat(sql.jdbcSql()).isEqualTo("SELECT ? + ?, ?, ?");
        assertThat(sql.parameterOrder()).containsExactly(1, 0, 1, 9);
        assertThat(sql.highestParameter()).isEqualTo(10);
    }

    @Test
    void doublesLiteralQuestionMarks() {
        assertThat(PlaceholderTranslator.translate("SELECT j ? $1, j ?| $2").jdbcSql())
                .isEqualTo("SELECT j ?? ?, j ??| ?");
    }

    @Test
    void leavesLiteralsIdentifiersCommentsAndDollarQuotesAlone() {
        String sql = "SELECT '$1 ?', E'\\' $1 ?', \"$1?\", a$1, $$ $1 ? $$, $tag$ $1 $$ ? $tag$ -- $1 ?\n"
                + "/* $1 /* nested ? */ $2 */ $1";
        PlaceholderTranslator.TranslatedSql translated = PlaceholderTranslator.translate(sql);

        assertThat(translated.jdbcSql()).isEqualTo(sql.substring(0, sql.length() - 2) + "?");
        assertThat(translated.parameterOrder()).containsExactly(0);
    }

    @Test
    void noPlaceholders() {
        PlaceholderTranslator.TranslatedSql sql = PlaceholderTranslator.translate("SELECT 1");

        assertThat(sql.jdbcSql()).isEqualTo("SELECT 1");
        assertThat(sql.parameterOrder()).isEmpty();
        assertThat(sql.highestParameter()).isZero();
    }
}
