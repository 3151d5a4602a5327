package io.distgres.planner.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SqlLexerTest {
    @Test
    void dollarQuotesRunToTheSameTagAndHideWhatTheyHold() {
        String sql = "SELECT $fn$ it's $$ $1 -- $fn$, $$x$$";
        assertThat(meaningful(sql)).containsExactly(
                "WORD:SELECT", "DOLLAR_STRING:$fn$ it's $$ $1 -- $fn$", "OPERATOR:,", "DOLLAR_STRING:$$x$$");
        assertThat(StatementText.of(sql).maxParameterNumber()).isZero();
    }

    @Test
    void aDollarFollowedByADigitIsAParameterNotATag() {
        assertThat(meaningful("$1$2$a$ b $a$")).containsExactly("PARAMETER:$1", "PARAMETER:$2", "DOLLAR_STRING:$a$ b $a$");
        assertThat(StatementText.of("SELECT $2 + $1, $2, $10").maxParameterNumber()).isEqualTo(10);
        assertThat(StatementText.of("SELECT $99999999").maxParameterNumber()).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void escapeStringsEndOnlyAtAnUnescapedQuote() {
        assertThat(meaningful("E'it\\'s $1' e'\\\\' $2")).containsExactly(
                "STRING:E'it\\'s $1'", "STRING:e'\\\\'", "PARAMETER:$2");
        // in a standard string the backslash is an ordinary character
        assertThat(meaningful("'a\\' $1")).containsExactly("STRING:'a\\'", "PARAMETER:$1");
        // a word ending in e before a quote is a word and a string, not an escape string
        assertThat(meaningful("type'x'")).containsExactly("WORD:type", "STRING:'x'");
    }

    @Test
    void parametersInsideLiteralsIdentifiersCommentsAndDollarQuotesDoNotCount() {
        String sql = "SELECT '$9 ?', E'\\' $9 ?', \"$9?\", a$9, $$ $9 ? $$, $tag$ $9 $$ ? $tag$ -- $9 ?\n"
                + "/* $9 /* nested ? */ $9 */ $1, j ? 'x'";
        assertThat(StatementText.of(sql).maxParameterNumber()).isEqualTo(1);
    }

    @Test
    void blockCommentsNest() {
        String sql = "SELECT /* outer /* inner $1 */ still comment $2 */ $3";
        assertThat(meaningful(sql)).containsExactly("WORD:SELECT", "PARAMETER:$3");
        assertThat(StatementText.of(sql).maxParameterNumber()).isEqualTo(3);
        assertThat(meaningful("a -- $1 line\nb")).containsExactly("WORD:a", "WORD:b");
    }

    @Test
    void quotedIdentifiersDoubleTheirQuotes() {
        List<String> tokens = meaningful("SELECT \"say \"\"$1\"\"\" FROM \"T\"");
        assertThat(tokens).containsExactly("WORD:SELECT", "QUOTED_IDENTIFIER:\"say \"\"$1\"\"\"", "WORD:FROM",
                "QUOTED_IDENTIFIER:\"T\"");
        SqlTokens read = SqlTokens.of("SELECT \"say \"\"$1\"\"\" FROM \"T\"");
        assertThat(read.identifier(1)).isEqualTo("say \"$1\"");
        assertThat(read.identifier(3)).isEqualTo("T");
    }

    @Test
    void longMultibyteIdentifiersAreCutOnACharacterEdge() {
        SqlTokens read = SqlTokens.of("SELECT " + "é".repeat(40) + ", \"" + "x".repeat(62) + "é\"");
        assertThat(read.identifier(1)).isEqualTo("é".repeat(31));
        assertThat(read.identifier(3)).isEqualTo("x".repeat(62));
    }

    @Test
    void unterminatedConstructsRunToTheEnd() {
        assertThat(meaningful("SELECT 'open $1")).containsExactly("WORD:SELECT", "STRING:'open $1");
        assertThat(meaningful("SELECT /* open /* */ $1")).containsExactly("WORD:SELECT");
        assertThat(meaningful("SELECT $q$ open")).containsExactly("WORD:SELECT", "DOLLAR_STRING:$q$ open");
    }

    private static List<String> meaningful(String sql) {
        return SqlLexer.tokenize(sql).stream().filter(t -> !t.isTrivia())
                .map(t -> t.kind() + ":" + t.text(sql)).toList();
    }
}
