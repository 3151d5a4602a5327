package io.distgres.coordinator.error;

import static java.util.Objects.requireNonNull;

/** An error that reaches the client as an ErrorResponse with its SQLSTATE. */
public class PgException extends RuntimeException {
    private final transient PgError error;

    public PgException(PgError error) {
        super(error.sqlState() + ": " + error.message());
        this.error = requireNonNull(error, "error is null");
    }

    public PgException(String sqlState, String message) {
        this(PgError.error(sqlState, message));
    }

    /** The PostgreSQL error for any failure that carries a SQLSTATE: distgres's own or one raised below it. */
    public static PgError errorOf(RuntimeException e) {
        if (e instanceof PgException pg) {
            return pg.error();
        }
        if (e instanceof io.distgres.planner.errors.SqlStateException s) {
            return PgError.error(s.sqlState(), s.getMessage());
        }
        throw e;
    }

    public PgError error() {
        return error;
    }

    public String sqlState() {
        return error.sqlState();
    }
}
