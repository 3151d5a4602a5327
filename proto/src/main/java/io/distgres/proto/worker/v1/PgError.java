package io.distgres.proto.worker.v1;

import static java.util.Objects.requireNonNull;

/**
 * A PostgreSQL error as it crosses the worker gRPC boundary: the fields of an ErrorResponse that
 * the coordinator needs to re-raise it to its own client unchanged.
 *
 * @param sqlState five-character SQLSTATE, e.g. {@code 22012}
 * @param severity non-localized severity, e.g. {@code ERROR} (empty when unknown)
 * @param message  primary message
 * @param detail   DETAIL (empty when absent)
 * @param hint     HINT (empty when absent)
 * @param position 1-based character position in the task SQL, 0 when absent
 * @param where    CONTEXT (empty when absent)
 */
public record PgError(String sqlState, String severity, String message, String detail, String hint, int position,
        String where) {
    public PgError {
        requireNonNull(sqlState, "sqlState is null");
        requireNonNull(message, "message is null");
        severity = severity == null ? "" : severity;
        detail = detail == null ? "" : detail;
        hint = hint == null ? "" : hint;
        where = where == null ? "" : where;
    }

    /** An error with only a SQLSTATE and a message, as raised by the agent itself. */
    public static PgError of(String sqlState, String message) {
        return new PgError(sqlState, "ERROR", message, "", "", 0, "");
    }
}
