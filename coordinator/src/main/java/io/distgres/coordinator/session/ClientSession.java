package io.distgres.coordinator.session;

import static java.util.Objects.requireNonNull;

import io.distgres.coordinator.error.PgError;
import io.distgres.coordinator.error.PgException;
import io.distgres.coordinator.execution.RunningTasks;
import io.distgres.coordinator.pgwire.codec.BackendMessages;
import io.distgres.coordinator.pgwire.codec.ClientConnection;
import io.distgres.coordinator.pgwire.codec.FrontendMessage;
import io.distgres.sqlstate.SqlState;

/**
 * One client connection's session: takes the client's messages from its {@link SessionInbox} one
 * at a time, hands the startup packet to {@link SessionStartup}, then each message to the simple
 * or extended protocol handler, and closes the session on Terminate or a FATAL error. All methods
 * except {@link #offer} and {@link #cancel} run on the session's own serial executor. Made by
 * {@link ClientSessions}, which wires its parts.
 */
public final class ClientSession {
    private final ClientConnection out;
    private final int processId;
    private final int secretKey;
    private final SessionInbox inbox;
    private final SessionState state;
    private final SessionStartup startup;
    private final SimpleQueryHandler simpleQuery;
    private final ExtendedQueryHandler extendedQuery;
    private final StatementCycle cycle;
    private final RunningTasks runningTasks;
    private boolean started;
    private boolean closed;

    /** The parts a session is made of, wired by {@link ClientSessions}. */
    record Parts(SessionInbox inbox, SessionState state, SessionStartup startup, SimpleQueryHandler simpleQuery,
                 ExtendedQueryHandler extendedQuery, StatementCycle cycle, RunningTasks runningTasks) {
        Parts {
            requireNonNull(inbox, "inbox is null");
            requireNonNull(state, "state is null");
            requireNonNull(startup, "startup is null");
            requireNonNull(simpleQuery, "simpleQuery is null");
            requireNonNull(extendedQuery, "extendedQuery is null");
            requireNonNull(cycle, "cycle is null");
            requireNonNull(runningTasks, "runningTasks is null");
        }
    }

    ClientSession(ClientConnection out, int processId, int secretKey, Parts parts) {
        this.out = requireNonNull(out, "out is null");
        this.processId = processId;
        this.secretKey = secretKey;
        this.inbox = parts.inbox();
        this.state = parts.state();
        this.startup = parts.startup();
        this.simpleQuery = parts.simpleQuery();
        this.extendedQuery = parts.extendedQuery();
        this.cycle = parts.cycle();
        this.runningTasks = parts.runningTasks();
    }

    public int processId() {
        return processId;
    }

    public int secretKey() {
        return secretKey;
    }

    public String user() {
        return state.user();
    }

    /** Queues a message from the event loop; returns the queue length for read backpressure. */
    public int offer(FrontendMessage message) {
        return inbox.offer(message);
    }

    /** Processes every queued message; returns false once the connection must close. */
    public boolean drain() {
        try {
            FrontendMessage message;
            while (!closed && (message = inbox.poll()) != null) {
                if (!process(message)) {
                    close();
                }
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        } finally {
            if (closed) {
                cycle.close();
            }
        }
        return !closed;
    }

    public boolean hasQueuedMessages() {
        return !inbox.isEmpty();
    }

    /** Cancels the statement running now (CancelRequest from another connection), on the workers too. */
    public void cancel() {
        runningTasks.cancelAll();
        state.cancelRunning();
    }

    private void close() {
        closed = true;
        inbox.close();
    }

    private boolean process(FrontendMessage message) {
        try {
            return dispatch(message);
        } catch (PgException e) {
            if ("FATAL".equals(e.error().severity())) {
                out.write(buf -> BackendMessages.errorResponse(buf, e.error()));
                out.flushAndClose();
                close();
                return false;
            }
            throw e;
        }
    }

    private boolean dispatch(FrontendMessage message) {
        if (!started) {
            if (message instanceof FrontendMessage.Startup packet) {
                startup.start(packet, processId, secretKey);
                started = true;
                cycle.readyForQuery();
                return true;
            }
            throw new PgException(PgError.fatal(SqlState.PROTOCOL_VIOLATION, "expected startup message"));
        }
        if (message instanceof FrontendMessage.Terminate) {
            out.flush();
            close();
            cycle.close();
            return false;
        }
        if (message instanceof FrontendMessage.Query query) {
            simpleQuery.handle(query.sql());
        } else if (message instanceof FrontendMessage.CopyData || message instanceof FrontendMessage.CopyDone
                || message instanceof FrontendMessage.CopyFail) {
            // stray COPY messages outside a COPY are ignored, as PostgreSQL does
            return true;
        } else if (message instanceof FrontendMessage.PasswordMessage) {
            throw new PgException(PgError.fatal(SqlState.PROTOCOL_VIOLATION,
                    "unexpected password message outside authentication"));
        } else {
            extendedQuery.handle(message);
        }
        return true;
    }
}
