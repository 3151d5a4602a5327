package io.distgres.coordinator.session;

import static java.util.Objects.requireNonNull;

import io.distgres.coordinator.backend.BackendErrors;
import io.distgres.coordinator.backend.BackendLease;
import io.distgres.coordinator.error.PgError;
import io.distgres.coordinator.error.PgException;
import io.distgres.coordinator.pgwire.codec.BackendMessages;
import io.distgres.coordinator.pgwire.codec.ClientConnection;
import io.distgres.coordinator.pgwire.codec.FrontendMessage;
import io.distgres.sqlstate.SqlState;
import java.sql.SQLException;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyOperation;
import org.postgresql.copy.CopyOut;

/**
 * Relays COPY FROM STDIN and COPY TO STDOUT between the client and a backend, chunk by chunk,
 * so a large COPY never sits in memory.
 */
final class CopyRelay {
    private final ClientConnection out;
    private final SessionState state;
    private final SessionInbox inbox;

    CopyRelay(ClientConnection out, SessionState state, SessionInbox inbox) {
        this.out = requireNonNull(out, "out is null");
        this.state = requireNonNull(state, "state is null");
        this.inbox = requireNonNull(inbox, "inbox is null");
    }

    void copyIn(String sql) {
        BackendLease lease = state.acquireLease();
        CopyIn copy = lease.copyIn(sql);
        out.write(buf -> BackendMessages.copyInResponse(buf, copy.getFormat(), formats(copy)));
        out.flush();
        try {
            while (true) {
                FrontendMessage message = inbox.await();
                if (message instanceof FrontendMessage.CopyData data) {
                    copy.writeToCopy(data.data(), 0, data.data().length);
                } else if (message instanceof FrontendMessage.CopyDone) {
                    long rows = copy.endCopy();
                    out.write(buf -> BackendMessages.commandComplete(buf, "COPY " + rows));
                    return;
                } else if (message instanceof FrontendMessage.CopyFail fail) {
                    cancel(copy);
                    throw new PgException(SqlState.QUERY_CANCELED, "COPY from stdin failed: " + fail.reason());
                } else if (message instanceof FrontendMessage.Flush || message instanceof FrontendMessage.Sync) {
                    continue; // ignored during COPY IN, as PostgreSQL does
                } else if (message instanceof FrontendMessage.Terminate) {
                    cancel(copy);
                    throw new PgException(PgError.fatal(SqlState.CONNECTION_FAILURE, "client ended the connection during COPY"));
                } else {
                    cancel(copy);
                    throw new PgException(SqlState.PROTOCOL_VIOLATION, "unexpected message "
                            + message.getClass().getSimpleName() + " during COPY from stdin");
                }
            }
        } catch (SQLException e) {
            cancel(copy);
            throw BackendErrors.toPgException(e);
        } catch (RuntimeException e) {
            cancel(copy);
            throw e;
        }
    }

    void copyOut(String sql) {
        BackendLease lease = state.acquireLease();
        CopyOut copy = lease.copyOut(sql);
        out.write(buf -> BackendMessages.copyOutResponse(buf, copy.getFormat(), formats(copy)));
        try {
            byte[] chunk;
            while ((chunk = copy.readFromCopy()) != null) {
                byte[] data = chunk;
                out.write(buf -> BackendMessages.copyData(buf, data));
            }
            long rows = copy.getHandledRowCount();
            out.write(BackendMessages::copyDone);
            out.write(buf -> BackendMessages.commandComplete(buf, "COPY " + rows));
        } catch (SQLException e) {
            cancel(copy);
            throw BackendErrors.toPgException(e);
        }
    }

    private static short[] formats(CopyOperation copy) {
        short[] formats = new short[copy.getFieldCount()];
        for (int i = 0; i < formats.length; i++) {
            formats[i] = (short) copy.getFieldFormat(i);
        }
        return formats;
    }

    private static void cancel(CopyOperation copy) {
        if (copy.isActive()) {
            try {
                copy.cancelCopy();
            } catch (SQLException e) {
                // the backend already ended the COPY; its error is the one reported
            }
        }
    }
}
