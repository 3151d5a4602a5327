package io.distgres.coordinator.transaction;

import static java.util.Objects.requireNonNull;

import io.distgres.coordinator.backend.SessionIdentity;
import io.distgres.coordinator.metadata.DistNode;
import io.distgres.coordinator.worker.WorkerClient;
import io.distgres.coordinator.worker.WorkerTaskException;
import io.distgres.proto.worker.v1.EndTransactionRequest.Action;
import io.distgres.sqlstate.SqlState;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node's part of a distributed transaction: the transaction handle on its worker agent, whether
 * any task there may have written, and its {@link RemoteState}. Every state change goes through
 * {@link #move}, which refuses the moves the state machine does not allow.
 */
final class RemoteTransaction {
    private static final Logger log = LoggerFactory.getLogger(RemoteTransaction.class);

    private final DistNode node;
    private final WorkerClient client;
    private final String handleId;
    private final Duration timeout;
    private RemoteState state = RemoteState.OPEN;
    private boolean wrote;
    private String gid = "";
    /** Who the session acted as at its last task here; null until the first (the agent's own user). */
    private SessionIdentity identity;

    RemoteTransaction(DistNode node, WorkerClient client, String handleId, Duration timeout) {
        this.node = requireNonNull(node, "node is null");
        this.client = requireNonNull(client, "client is null");
        this.handleId = requireNonNull(handleId, "handleId is null");
        this.timeout = requireNonNull(timeout, "timeout is null");
    }

    DistNode node() {
        return node;
    }

    RemoteState state() {
        return state;
    }

    boolean wrote() {
        return wrote;
    }

    String gid() {
        return gid;
    }

    void noteTask(boolean writes) {
        wrote |= writes;
    }

    /** The session's roles, for the statements this transaction runs here on its own. */
    void actAs(SessionIdentity sessionIdentity) {
        this.identity = sessionIdentity;
    }

    /** Runs one statement inside the transaction (savepoints, SET LOCAL, SET TRANSACTION). */
    void run(String sql) {
        try {
            client.executeAndCollect(sql, List.of(), handleId, timeout, identity);
        } catch (WorkerTaskException e) {
            if (SqlState.isConnectionException(e.sqlState())) {
                move(RemoteState.FAILED);
            }
            throw e;
        }
    }

    /** PREPARE TRANSACTION {@code gid}; on failure the worker has rolled the transaction back. */
    void prepare(String gid) {
        this.gid = requireNonNull(gid, "gid is null");
        try {
            client.endTransaction(handleId, Action.PREPARE, gid, timeout);
        } catch (WorkerTaskException e) {
            move(RemoteState.FAILED);
            throw e;
        }
        move(RemoteState.PREPARED);
    }

    /** One-phase COMMIT. */
    void commit() {
        try {
            client.endTransaction(handleId, Action.COMMIT, "", timeout);
        } catch (WorkerTaskException e) {
            move(RemoteState.FAILED);
            throw e;
        }
        move(RemoteState.COMMITTED);
    }

    /** Rolls back an open or failed transaction; errors are logged (a lost connection rolled it back already). */
    void rollback() {
        if (state != RemoteState.OPEN && state != RemoteState.FAILED) {
            return;
        }
        try {
            client.endTransaction(handleId, Action.ROLLBACK, "", timeout);
        } catch (WorkerTaskException e) {
            log.debug("rollback of {} on node {} failed: {}", handleId, node.name(), e.getMessage());
        }
        move(RemoteState.ROLLED_BACK);
    }

    /** COMMIT PREPARED; on failure the transaction stays prepared (in doubt) for recovery to commit. */
    void commitPrepared() {
        settlePrepared(Action.COMMIT_PREPARED, RemoteState.COMMITTED);
    }

    /** ROLLBACK PREPARED; on failure the transaction stays prepared (in doubt) for recovery to roll back. */
    void rollbackPrepared() {
        settlePrepared(Action.ROLLBACK_PREPARED, RemoteState.ROLLED_BACK);
    }

    /** Leaves a prepared transaction to recovery (the coordinator cannot settle it now). */
    void leaveInDoubt() {
        if (state == RemoteState.PREPARED) {
            move(RemoteState.IN_DOUBT);
        }
    }

    private void settlePrepared(Action action, RemoteState settled) {
        try {
            client.endTransaction("", action, gid, timeout);
        } catch (WorkerTaskException e) {
            move(RemoteState.IN_DOUBT);
            throw e;
        }
        move(settled);
    }

    private void move(RemoteState next) {
        if (state == next) {
            return;
        }
        if (!state.canMoveTo(next)) {
            throw new IllegalStateException("transaction " + handleId + " on node " + node.name()
                    + " cannot move from " + state + " to " + next);
        }
        state = next;
    }
}
