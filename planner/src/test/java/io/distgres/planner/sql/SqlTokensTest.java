package io.distgres.planner.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SqlTokensTest {
    @Test
    void dropsWhitespaceCommentsAndSemicolons() {
        SqlTokens tokens = SqlTokens.of("select /* c */ a -- d\n , \"B\" ;");
        assertThat(tokens.size()).isEqualTo(4);
        assertThat(tokens.keyword(0)).isEqualTo("SELECT");
        assertThat(tokens.identifier(1)).isEqualTo("a");
        assertThat(tokens.isSymbol(2, ",")).isTrue();
        assertThat(tokens.identifier(3)).isEqualTo("B");
    }

    @Test
    void lookupsPastTheEndAnswerAsForAMissingToken() {
        SqlTokens tokens = SqlTokens.of("VACUUM");
        assertThat(tokens.keyword(5)).isEmpty();
        assertThat(tokens.isKeyword(1, "FULL")).isFalse();
        assertThat(tokens.identifier(1)).isNull();
        assertThat(tokens.text(3)).isEmpty();
        assertThat(tokens.position(1)).isEqualTo(7);
        assertThat(tokens.identifier(-1)).isNull();
        assertThat(tokens.keyword(-1)).isEmpty();
    }

    @Test
    void keywordsMatchAsciiCaseOnly() {
        SqlTokens tokens = SqlTokens.of("Limit lımıt");
        assertThat(tokens.isKeyword(0, "LIMIT")).isTrue();
        assertThat(tokens.keyword(1)).isEqualTo("LıMıT");
        assertThat(tokens.isKeywords(0, "LIMIT", "LIMIT")).isFalse();
    }

    @Test
    void stringValuesAndQuotedWordsAreNotKeywords() {
        SqlTokens tokens = SqlTokens.of("'FROM' \"FROM\" E'a\\tb' $$c$$");
        assertThat(tokens.isKeyword(0, "FROM")).isFalse();
        assertThat(tokens.isKeyword(1, "FROM")).isFalse();
        assertThat(tokens.stringValue(0)).isEqualTo("FROM");
        assertThat(tokens.stringValue(2)).isEqualTo("a\tb");
        assertThat(tokens.stringValue(3)).isEqualTo("c");
        assertThat(tokens.stringValue(1)).isNull();
    }

    @Test
    void splitsListsAtTopLevelCommasOnly() {
        SqlTokens tokens = SqlTokens.of("f(a, g(b, c), ARRAY[1, 2], , d)");
        int close = tokens.closingParen(1);
        assertThat(close).isEqualTo(tokens.size() - 1);
        List<String> items = tokens.splitAtCommas(2, close).stream().map(s -> tokens.text(s.from(), s.to())).toList();
        assertThat(items).containsExactly("a", "g(b, c)", "ARRAY[1, 2]", "", "d");
        assertThat(tokens.splitAtCommas(2, 2)).isEmpty();
    }

    @Test
    void findsKeywordsOutsideParenthesesOnly() {
        SqlTokens tokens = SqlTokens.of("GRANT SELECT (a, on_col) ON t TO r");
        assertThat(tokens.findKeyword(0, tokens.size(), "ON")).isEqualTo(7);
        assertThat(tokens.findKeyword(0, 6, "ON")).isEqualTo(-1);
        assertThat(tokens.containsKeyword(0, tokens.size(), "TO")).isTrue();
    }

    @Test
    void unclosedParenthesisHasNoClosingIndex() {
        assertThat(SqlTokens.of("f((a)").closingParen(1)).isEqualTo(-1);
    }

    @Test
    void textSpansKeepWhatLiesBetweenTokens() {
        SqlTokens tokens = SqlTokens.of("numeric( 10 , 2 ) x");
        assertThat(tokens.text(0, 6)).isEqualTo("numeric( 10 , 2 )");
        assertThat(tokens.text(3, 3)).isEmpty();
    }
}
