package io.distgres.coordinator.pgwire.codec;

import io.distgres.coordinator.error.PgException;
import io.distgres.sqlstate.SqlState;

/** A malformed or oversized frontend message: the connection that sent it is closed after a FATAL error. */
public final class ProtocolViolationException extends PgException {
    public ProtocolViolationException(String message) {
        super(io.distgres.coordinator.error.PgError.fatal(SqlState.PROTOCOL_VIOLATION, message));
    }
}
