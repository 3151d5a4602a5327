package io.distgres.coordinator.backend;

import io.distgres.coordinator.error.PgError;
import io.distgres.coordinator.error.PgException;
import io.distgres.sqlstate.SqlState;
import java.sql.SQLException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLWarning;
import org.postgresql.util.ServerErrorMessage;

/** Turns pgjdbc errors and warnings from a backend PostgreSQL into the fields the client sees. */
public final class BackendErrors {
    /** How PostgreSQL names the guard function in an error's context (catalog script V5). */
    private static final String SHELL_GUARD_CONTEXT = "PL/pgSQL function distgres.shell_guard(regclass)";

    private BackendErrors() {
    }

    public static PgException toPgException(SQLException e) {
        if (e instanceof PSQLException pe && pe.getServerErrorMessage() != null) {
            return new PgException(fromServer(pe.getServerErrorMessage(), "ERROR"));
        }
        String state = e.getSQLState() == null ? SqlState.INTERNAL_ERROR : e.getSQLState();
        if (SqlState.isConnectionException(state)) {
            state = SqlState.CONNECTION_FAILURE;
        }
        return new PgException(PgError.error(state, e.getMessage() == null ? e.toString() : e.getMessage()));
    }

    /** True when the error means the backend connection can no longer be trusted. */
    public static boolean isConnectionLoss(SQLException e) {
        return SqlState.isConnectionException(e.getSQLState());
    }

    public static PgError toNotice(java.sql.SQLWarning warning) {
        if (warning instanceof PSQLWarning pw && pw.getServerErrorMessage() != null) {
            return fromServer(pw.getServerErrorMessage(), "WARNING");
        }
        return new PgError("WARNING", warning.getSQLState() == null ? SqlState.WARNING : warning.getSQLState(),
                String.valueOf(warning.getMessage()), null, null, 0, null, null, null, null, null, null);
    }

    private static PgError fromServer(ServerErrorMessage m, String defaultSeverity) {
        return new PgError(m.getSeverity() == null ? defaultSeverity : m.getSeverity(),
                m.getSQLState() == null ? SqlState.INTERNAL_ERROR : m.getSQLState(),
                m.getMessage() == null ? "" : m.getMessage(), m.getDetail(), m.getHint(), m.getPosition(),
                withoutShellGuard(m.getWhere()), m.getSchema(), m.getTable(), m.getColumn(), m.getDatatype(),
                m.getConstraint());
    }

    /**
     * The error context without the line of distgres's shell guard (a plpgsql function PostgreSQL names
     * when it raises): the client is told which of its own functions or views reached the shell, not how
     * distgres noticed. Null when nothing else is left.
     */
    private static String withoutShellGuard(String where) {
        if (where == null || !where.contains(SHELL_GUARD_CONTEXT)) {
            return where;
        }
        String kept = where.lines().filter(line -> !line.startsWith(SHELL_GUARD_CONTEXT))
                .collect(java.util.stream.Collectors.joining("\n"));
        return kept.isEmpty() ? null : kept;
    }
}
