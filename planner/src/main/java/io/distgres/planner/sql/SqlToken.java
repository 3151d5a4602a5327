package io.distgres.planner.sql;

/**
 * One lexical token of PostgreSQL SQL text as far as splitting and classifying need: its kind and
 * where it lies in the text ([start, end)).
 */
public record SqlToken(Kind kind, int start, int end) {
    /** The coarse token kinds distgres needs before (or without) a full parse. */
    public enum Kind {
        WORD, QUOTED_IDENTIFIER, STRING, DOLLAR_STRING, PARAMETER, NUMBER, SEMICOLON, OPEN_PAREN, CLOSE_PAREN,
        OPERATOR, COMMENT, WHITESPACE
    }

    public String text(String sql) {
        return sql.substring(start, end);
    }

    /**
     * This word in upper case, ASCII letters only, as PostgreSQL matches keywords (so no {@code ı} becomes
     * an {@code I}); "" when the token is not a word.
     */
    public String keyword(String sql) {
        if (kind != Kind.WORD) {
            return "";
        }
        StringBuilder upper = null;
        for (int i = start; i < end; i++) {
            char c = sql.charAt(i);
            if (c >= 'a' && c <= 'z') {
                if (upper == null) {
                    upper = new StringBuilder(end - start).append(sql, start, end);
                }
                upper.setCharAt(i - start, (char) (c - ('a' - 'A')));
            }
        }
        return upper == null ? sql.substring(start, end) : upper.toString();
    }

    /** True for tokens that carry no meaning: whitespace and comments. */
    public boolean isTrivia() {
        return kind == Kind.WHITESPACE || kind == Kind.COMMENT;
    }
}
