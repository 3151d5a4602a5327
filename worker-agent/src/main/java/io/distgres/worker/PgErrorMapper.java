package io.distgres.worker;

import io.distgres.proto.worker.v1.PgError;
import io.distgres.sqlstate.SqlState;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/** Turns a JDBC failure into the PostgreSQL error the coordinator re-raises to its client. */
final class PgErrorMapper {

    private PgErrorMapper() {
    }

    static PgError toPgError(SQLException e) {
        if (e instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
            ServerErrorMessage server = psql.getServerErrorMessage();
            String sqlState = server.getSQLState() == null ? SqlState.INTERNAL_ERROR : server.getSQLState();
            String message = server.getMessage() == null ? String.valueOf(e.getMessage()) : server.getMessage();
            return new PgError(sqlState, server.getSeverity(), message, server.getDetail(), server.getHint(),
                    server.getPosition(), server.getWhere(), new PgError.ErrorObjects(server.getSchema(),
                    server.getTable(), server.getColumn(), server.getDatatype(), server.getConstraint()));
        }
        // client-side failures (pool timeout, refused connection, broken socket) carry only a SQLSTATE
        String sqlState = e.getSQLState();
        if (sqlState == null || sqlState.length() != 5) {
            if (e.getCause() instanceof SQLException cause && cause.getSQLState() != null) {
                sqlState = cause.getSQLState();
            } else if (e instanceof SQLTransientConnectionException) {
                // HikariCP's pool wait timed out with PostgreSQL reachable: the pool is exhausted
                sqlState = SqlState.TOO_MANY_CONNECTIONS;
            } else {
                sqlState = SqlState.CONNECTION_FAILURE;
            }
        }
        return PgError.of(sqlState, String.valueOf(e.getMessage()));
    }
}
