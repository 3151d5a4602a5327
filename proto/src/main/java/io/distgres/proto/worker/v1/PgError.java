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
 * @param objects  the schema, table, column, data type and constraint names PostgreSQL named
 */
public record PgError(String sqlState, String severity, String message, String detail, String hint, int position,
        String where, ErrorObjects objects) {
    public PgError {
        requireNonNull(sqlState, "sqlState is null");
        requireNonNull(message, "message is null");
        severity = severity == null ? "" : severity;
        detail = detail == null ? "" : detail;
        hint = hint == null ? "" : hint;
        where = where == null ? "" : where;
        objects = objects == null ? ErrorObjects.NONE : objects;
    }

    /** An error that names no database object. */
    public PgError(String sqlState, String severity, String message, String detail, String hint, int position,
                   String where) {
        this(sqlState, severity, message, detail, hint, position, where, ErrorObjects.NONE);
    }

    /**
     * The objects an ErrorResponse names in its fields s, t, c, d and n (empty when absent).
     */
    public record ErrorObjects(String schema, String table, String column, String dataType, String constraint) {
        public static final ErrorObjects NONE = new ErrorObjects("", "", "", "", "");

        public ErrorObjects {
            schema = schema == null ? "" : schema;
            table = table == null ? "" : table;
            column = column == null ? "" : column;
            dataType = dataType == null ? "" : dataType;
            constraint = constraint == null ? "" : constraint;
        }
    }

    /** An error with only a SQLSTATE and a message, as raised by the agent itself. */
    public static PgError of(String sqlState, String message) {
        return new PgError(sqlState, "ERROR", message, "", "", 0, "");
    }

    /** The error as a failed task's frame carries it. */
    public TaskError toProto() {
        return TaskError.newBuilder().setSqlState(sqlState).setSeverity(severity).setMessage(message)
                .setDetail(detail).setHint(hint).setPosition(position).setWhere(where)
                .setSchema(objects.schema()).setTable(objects.table()).setColumn(objects.column())
                .setDataType(objects.dataType()).setConstraint(objects.constraint()).build();
    }

    /** The error a failed task's frame carries. */
    public static PgError of(TaskError error) {
        return new PgError(error.getSqlState(), error.getSeverity(), error.getMessage(), error.getDetail(),
                error.getHint(), error.getPosition(), error.getWhere(), new ErrorObjects(error.getSchema(),
                error.getTable(), error.getColumn(), error.getDataType(), error.getConstraint()));
    }
}
