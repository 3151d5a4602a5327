package io.distgres.planner.sql;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One statement cut from a client's query string, with its offset there (error positions are
 * relative to the whole string) and its tokens.
 */
public record StatementText(String text, int offset, List<SqlToken> tokens) {
    public StatementText {
        requireNonNull(text, "text is null");
        tokens = List.copyOf(tokens);
    }

    public static StatementText of(String text) {
        return new StatementText(text, 0, SqlLexer.tokenize(text));
    }

    /** True when the statement holds only whitespace and comments. */
    public boolean isEmpty() {
        return tokens.stream().allMatch(SqlToken::isTrivia);
    }

    /** The first {@code n} words, upper-cased, skipping trivia and opening parentheses. */
    public List<String> leadingWords(int n) {
        return tokens.stream()
                .filter(t -> !t.isTrivia() && t.kind() != SqlToken.Kind.OPEN_PAREN)
                .limit(n)
                .takeWhile(t -> t.kind() == SqlToken.Kind.WORD)
                .map(t -> t.keyword(text))
                .toList();
    }

    /** The first word upper-cased, or "" when the statement does not start with a word. */
    public String firstWord() {
        List<String> words = leadingWords(1);
        return words.isEmpty() ? "" : words.get(0);
    }

    /** The highest {@code $n} parameter number used, 0 when none. */
    public int maxParameterNumber() {
        int max = 0;
        for (SqlToken t : tokens) {
            if (t.kind() == SqlToken.Kind.PARAMETER) {
                String digits = text.substring(t.start() + 1, t.end());
                max = Math.max(max, digits.length() > 6 ? Integer.MAX_VALUE : Integer.parseInt(digits));
            }
        }
        return max;
    }

    /** True when a word (case-insensitive) appears outside literals and comments. */
    public boolean containsWord(String word) {
        return tokens.stream().anyMatch(t -> t.kind() == SqlToken.Kind.WORD && t.text(text).equalsIgnoreCase(word));
    }
}
