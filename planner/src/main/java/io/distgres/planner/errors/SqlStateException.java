package io.distgres.planner.errors;

import static java.util.Objects.requireNonNull;

/**
 * A failure that already knows the SQLSTATE PostgreSQL would report for it, raised below the
 * coordinator (hashing, type conversion) and turned into an ErrorResponse unchanged.
 */
public class SqlStateException extends RuntimeException {
    private final String sqlState;

    public SqlStateException(String sqlState, String message) {
        super(message);
        this.sqlState = requireNonNull(sqlState, "sqlState is null");
    }

    public String sqlState() {
        return sqlState;
    }
}
