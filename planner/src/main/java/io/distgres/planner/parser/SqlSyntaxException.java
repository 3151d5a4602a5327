package io.distgres.planner.parser;

import io.distgres.sqlstate.SqlState;

/**
 * A statement the PostgreSQL parser does not accept: a syntax error, or syntax this parser does
 * not cover. {@link #position()} is PostgreSQL's error position: the 1-based character (code
 * point) index in the statement, as the ErrorResponse 'P' field reports it.
 */
public final class SqlSyntaxException extends Exception {
    private final int position;

    public SqlSyntaxException(String message, int position, Throwable cause) {
        super(message, cause);
        this.position = position;
    }

    public int position() {
        return position;
    }

    public String sqlState() {
        return SqlState.SYNTAX_ERROR;
    }
}
