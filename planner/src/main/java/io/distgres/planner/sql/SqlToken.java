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

    /** True for tokens that carry no meaning: whitespace and comments. */
    public boolean isTrivia() {
        return kind == Kind.WHITESPACE || kind == Kind.COMMENT;
    }
}
