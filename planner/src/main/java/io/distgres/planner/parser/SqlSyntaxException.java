package io.distgres.planner.parser;

/**
 * A statement the PostgreSQL parser does not accept: a syntax error, or syntax this parser does
 * not cover. {@link #position()} is PostgreSQL's error position: the 1-based character (code
 * point) index in the statement, as the ErrorResponse 'P' field reports it.
 */
public final class SqlSyntaxException extends Exception {
    /** SQLSTATE syntax_error. */
    public static final String SQLSTATE = "42601";

    private final int position;

    public SqlSyntaxException(String message, int position, Throwable cause) {
        super(message, cause);
        this.position = position;
    }

    public int position() {
        return position;
    }

    public String sqlState() {
        return SQLSTATE;
    }
}
