package io.distgres.coordinator.error;

import static java.util.Objects.requireNonNull;

/**
 * The fields of a PostgreSQL ErrorResponse or NoticeResponse.
 *
 * @param severity  localized severity as sent in field 'S' (ERROR, FATAL, NOTICE, WARNING, ...)
 * @param sqlState  five-character SQLSTATE
 * @param message   primary message
 * @param detail    optional detail (null when absent)
 * @param hint      optional hint (null when absent)
 * @param position  1-based character position in the query string, 0 when absent
 * @param where     optional context (null when absent)
 * @param schema    optional schema name, likewise table, column, dataType, constraint
 * @param routine   optional name of the PostgreSQL routine that raised it (field 'R'), set where a driver
 *                  relies on it (pgjdbc prepares a statement again on 0A000 from RevalidateCachedQuery)
 */
public record PgError(String severity, String sqlState, String message, String detail, String hint, int position,
                      String where, String schema, String table, String column, String dataType, String constraint,
                      String routine) {
    public PgError {
        requireNonNull(severity, "severity is null");
        requireNonNull(sqlState, "sqlState is null");
        requireNonNull(message, "message is null");
        // an optional field is absent or has text: the worker contract carries absent fields as
        // empty strings, and a client must not see an empty DETAIL or HINT line
        detail = absentIfEmpty(detail);
        hint = absentIfEmpty(hint);
        where = absentIfEmpty(where);
        schema = absentIfEmpty(schema);
        table = absentIfEmpty(table);
        column = absentIfEmpty(column);
        dataType = absentIfEmpty(dataType);
        constraint = absentIfEmpty(constraint);
        routine = absentIfEmpty(routine);
    }

    private static String absentIfEmpty(String field) {
        return field == null || field.isEmpty() ? null : field;
    }

    /** An error or notice without a routine name. */
    public PgError(String severity, String sqlState, String message, String detail, String hint, int position,
                   String where, String schema, String table, String column, String dataType, String constraint) {
        this(severity, sqlState, message, detail, hint, position, where, schema, table, column, dataType, constraint,
                null);
    }

    public static PgError error(String sqlState, String message) {
        return new PgError("ERROR", sqlState, message, null, null, 0, null, null, null, null, null, null);
    }

    public static PgError fatal(String sqlState, String message) {
        return new PgError("FATAL", sqlState, message, null, null, 0, null, null, null, null, null, null);
    }

    public PgError withPosition(int newPosition) {
        return new PgError(severity, sqlState, message, detail, hint, newPosition, where, schema, table, column,
                dataType, constraint, routine);
    }

    public PgError withDetail(String newDetail) {
        return new PgError(severity, sqlState, message, newDetail, hint, position, where, schema, table, column,
                dataType, constraint, routine);
    }

    public PgError withWhere(String newWhere) {
        return new PgError(severity, sqlState, message, detail, hint, position, newWhere, schema, table, column,
                dataType, constraint);
    }

    public PgError withHint(String newHint) {
        return new PgError(severity, sqlState, message, detail, newHint, position, where, schema, table, column,
                dataType, constraint, routine);
    }

    public PgError withRoutine(String newRoutine) {
        return new PgError(severity, sqlState, message, detail, hint, position, where, schema, table, column,
                dataType, constraint, newRoutine);
    }
}
