package io.distgres.worker;

import io.distgres.proto.worker.v1.PgError;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/** Turns a JDBC failure into the PostgreSQL error the coordinator re-raises to its client. */
final class PgErrorMapper {
    /** What PostgreSQL reports when a connection cannot be used. */
    static final String CONNECTION_FAILURE = "08006";

    /** PostgreSQL's too_many_connections, which the design uses for pool limits. */
    static final String POOL_EXHAUSTED = "53300";

    private PgErrorMapper() {
    }

    static PgError toPgError(SQLException e) {
        if (e instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
            ServerErrorMessage server = psql.getServerErrorMessage();
            String sqlState = server.getSQLState() == null ? "XX000" : server.getSQLState();
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
                sqlState = POOL_EXHAUSTED;
            } else {
                sqlState = CONNECTION_FAILURE;
            }
        }
        return PgError.of(sqlState, String.valueOf(e.getMessage()));
    }
}
