package io.distgres.coordinator.session;

import static java.util.Objects.requireNonNull;

import io.distgres.coordinator.backend.BackendLease;
import io.distgres.coordinator.backend.DiscardingSink;
import io.distgres.coordinator.pgwire.codec.BackendMessages;
import io.distgres.coordinator.pgwire.codec.ClientConnection;
import io.distgres.coordinator.pgwire.codec.TransactionStatus;
import io.distgres.coordinator.transaction.SessionTransactions;
import io.distgres.coordinator.transaction.TransactionStatement;
import io.distgres.planner.sql.StatementText;
import java.util.List;
import org.postgresql.PGNotification;

/**
 * What a session does around its statements and transactions: ends implicit transactions (on the
 * workers too), marks a block failed after an error, returns the coordinator connection to the
 * pool once the backend is idle (reading changed settings first), reports changed parameters and
 * sends ReadyForQuery with the backend's transaction status.
 */
final class StatementCycle {
    private final ClientConnection out;
    private final SessionState state;
    private final SessionTransactions transactions;
    private final DefinitionChanges definitions;
    private final SessionPin pin;
    private final ParameterStatusReporter parameters;

    StatementCycle(ClientConnection out, SessionState state, SessionTransactions transactions,
                   DefinitionChanges definitions, SessionPin pin, ParameterStatusReporter parameters) {
        this.out = requireNonNull(out, "out is null");
        this.state = requireNonNull(state, "state is null");
        this.transactions = requireNonNull(transactions, "transactions is null");
        this.definitions = requireNonNull(definitions, "definitions is null");
        this.pin = requireNonNull(pin, "pin is null");
        this.parameters = requireNonNull(parameters, "parameters is null");
    }

    /** The ReadyForQuery status: the backend's when a connection is held, idle otherwise. */
    TransactionStatus transactionStatus() {
        return state.transactionStatus();
    }

    /** Forwards ParameterStatus for reported parameters the backend changed since the client last heard. */
    void reportParameterChanges() {
        parameters.reportChanges(state.heldLease());
    }

    /**
     * Runs a transaction statement (COMMIT, ROLLBACK, savepoints, SET LOCAL) with what the session's
     * distributed transaction must do around it; {@code onCoordinator} runs it on the coordinator
     * database. False when the distributed transaction has nothing to do with it: the caller runs it.
     */
    boolean runTransactionStatement(StatementText statement, TransactionStatement kind, Runnable onCoordinator) {
        return transactions.control(statement, kind, onCoordinator);
    }

    /** Ends an implicit transaction block with COMMIT or ROLLBACK, on the workers too. */
    void endImplicitTransaction(boolean commit) {
        BackendLease held = state.acquireLease();
        transactions.endImplicit(commit, () -> held.run(commit ? "COMMIT" : "ROLLBACK", 0, List.of(),
                DiscardingSink.INSTANCE));
    }

    /** A statement failed: inside a transaction block the whole block is now aborted, as in PostgreSQL. */
    void statementFailed() {
        BackendLease held = state.heldLease();
        if (held != null) {
            transactions.statementFailed(held);
        }
    }

    /** Ends a statement or a transaction: returns the connection to the pool once the backend is idle. */
    void releaseIfIdle() {
        BackendLease held = state.heldLease();
        if (held == null || held.transactionStatus() != TransactionStatus.IDLE) {
            return;
        }
        transactions.coordinatorIdle();
        // committed (or rolled back) now: names other sessions resolved before may mean something else
        definitions.transactionEnded();
        if (state.settingsMayHaveChanged()) {
            state.readSettings();
        }
        if (!pin.isPinned()) {
            state.releaseLease(false);
        }
    }

    void readyForQuery() {
        BackendLease held = state.heldLease();
        if (pin.isPinned() && held != null) {
            relayNotifications(held);
        }
        TransactionStatus status = state.transactionStatus();
        out.write(buf -> BackendMessages.readyForQuery(buf, status));
        out.flush();
    }

    /**
     * The session ends: its distributed transaction is abandoned and its connection returned, or
     * closed when pinned, since closing the backend ends its temporary tables, LISTENs, advisory
     * locks and cursors with it.
     */
    void close() {
        transactions.abandon();
        boolean pinned = pin.isPinned();
        if (pinned && state.hasLease()) {
            pin.released();
        }
        state.releaseLease(pinned);
    }

    /**
     * NOTIFYs on channels the session listens to, delivered before ReadyForQuery as PostgreSQL
     * does between statements. Those arriving while the client is idle wait for its next statement.
     */
    private void relayNotifications(BackendLease held) {
        for (PGNotification n : held.notifications()) {
            out.write(buf -> BackendMessages.notificationResponse(buf, n.getPID(), n.getName(), n.getParameter()));
        }
    }
}
