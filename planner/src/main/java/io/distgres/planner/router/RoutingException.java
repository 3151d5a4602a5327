package io.distgres.planner.router;

/** A statement the router understood but that PostgreSQL itself would reject (e.g. a NULL key). */
public final class RoutingException extends RuntimeException {
    private final String sqlState;

    public RoutingException(String sqlState, String message) {
        super(message);
        this.sqlState = sqlState;
    }

    public String sqlState() {
        return sqlState;
    }
}
