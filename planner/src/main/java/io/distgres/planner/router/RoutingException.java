package io.distgres.planner.router;

import io.distgres.planner.errors.SqlStateException;

/** A statement the router understood but that PostgreSQL itself would reject (e.g. a NULL key). */
public final class RoutingException extends SqlStateException {
    public RoutingException(String sqlState, String message) {
        super(sqlState, message);
    }
}
