package io.distgres.coordinator.transaction;

import static java.util.Objects.requireNonNull;

import io.distgres.coordinator.backend.BackendLease;
import io.distgres.coordinator.backend.DiscardingSink;
import io.distgres.coordinator.backend.SessionIdentity;
import io.distgres.coordinator.error.PgException;
import io.distgres.coordinator.metadata.DistNode;
import io.distgres.coordinator.pgwire.codec.TransactionStatus;
import io.distgres.coordinator.worker.WorkerTaskException;
import io.distgres.coordinator.worker.WorkerTaskFailure;
import io.distgres.sqlstate.SqlState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client transaction block as it spreads over worker nodes: a {@link RemoteTransaction} per
 * node it touched (one pinned worker connection each, under one transaction handle id), and how
 * it ends. The coordinator database takes part too — it is where the client's BEGIN went, where
 * local tables live and where the commit record is written.
 *
 * <p>Commit: read-only and single-writer transactions commit in one phase (the writing worker
 * first, then the coordinator, which wrote nothing); a transaction that wrote on two or more
 * workers, or on one worker and the coordinator database, commits in two phases: PREPARE
 * TRANSACTION on every writing worker, the commit records inserted into the client's own
 * coordinator transaction, COMMIT there (the commit point, atomic with the local writes), then
 * COMMIT PREPARED everywhere. What a crash or a lost worker leaves prepared, recovery settles.
 */
public final class DistributedTransaction {
    private static final Logger log = LoggerFactory.getLogger(DistributedTransaction.class);

    private final TransactionManager manager;
    private final long number;
    private final String handleId;
    private final Map<Integer, RemoteTransaction> remotes = new LinkedHashMap<>();
    /** Statements every node must have run before its first task: SET TRANSACTION, savepoints, SET LOCAL. */
    private final List<String> opening = new ArrayList<>();
    private boolean ended;

    DistributedTransaction(TransactionManager manager, long number, String handleId) {
        this.manager = requireNonNull(manager, "manager is null");
        this.number = number;
        this.handleId = requireNonNull(handleId, "handleId is null");
    }

    /**
     * Makes {@code node} a participant (opening its transaction with what earlier statements set
     * up) and returns the transaction handle its tasks must carry.
     *
     * @param writes   whether the task about to start may modify rows there
     * @param identity who the session acts as now: the node's transaction opens as it, and later
     *                 transaction statements there (savepoints, SET LOCAL) run as it
     */
    public synchronized String enlist(DistNode node, boolean writes, SessionIdentity identity) {
        if (ended) {
            throw new IllegalStateException("transaction " + handleId + " already ended");
        }
        RemoteTransaction remote = remotes.get(node.nodeId());
        if (remote == null) {
            remote = new RemoteTransaction(node, manager.client(node), handleId, TransactionManager.END_TIMEOUT);
            remotes.put(node.nodeId(), remote);
            remote.actAs(identity);
            try {
                for (String statement : opening) {
                    remote.run(statement);
                }
            } catch (WorkerTaskException e) {
                throw workerError(e);
            }
        }
        if (remote.state() != RemoteState.OPEN) {
            throw new PgException(SqlState.CONNECTION_FAILURE, "the transaction's connection to node "
                    + node.name() + " was lost; roll the transaction back");
        }
        remote.noteTask(writes);
        remote.actAs(identity);
        return handleId;
    }

    /** True once any worker node takes part. */
    public synchronized boolean hasParticipants() {
        return !remotes.isEmpty();
    }

    /** The transaction handle id its worker tasks carry. */
    public String handleId() {
        return handleId;
    }

    /**
     * A statement that changes the transaction's state on every node (savepoints, SET LOCAL): it
     * runs on every participant now and on every later one before its first task.
     * {@code replayed} is the list of statements later participants run instead of the whole
     * history (kept by the caller, who knows savepoint semantics).
     */
    synchronized void applyEverywhere(String statement, List<String> replayed) {
        opening.clear();
        opening.addAll(replayed);
        for (RemoteTransaction remote : remotes.values()) {
            if (remote.state() != RemoteState.OPEN) {
                continue;
            }
            try {
                remote.run(statement);
            } catch (WorkerTaskException e) {
                throw WorkerTaskFailure.of(e, statement).inStatement(statement);
            }
        }
    }

    /** Sets what later participants run when they open (SET TRANSACTION ..., savepoints). */
    synchronized void openWith(List<String> statements) {
        opening.clear();
        opening.addAll(statements);
    }

    /**
     * Commits the whole transaction. {@code coordinatorCommit} runs the client's COMMIT on the
     * coordinator database (and reports its result to the client). When this throws, every part of
     * the transaction that could be rolled back was, the coordinator transaction is ended, and
     * what stayed prepared is left to recovery.
     */
    public synchronized void commit(BackendLease lease, Runnable coordinatorCommit) {
        ended = true;
        try {
            List<RemoteTransaction> writers = remotes.values().stream().filter(RemoteTransaction::wrote).toList();
            if (writers.isEmpty()) {
                coordinatorCommit.run();
            } else if (writers.size() == 1 && !coordinatorWrote(lease)) {
                commitOnePhase(writers.get(0));
                coordinatorCommit.run();
            } else {
                commitTwoPhase(writers, lease, coordinatorCommit);
            }
            // read-only parts end last: their locks (SELECT ... FOR UPDATE) hold until the writes are committed
            remotes.values().stream().filter(r -> !r.wrote()).forEach(DistributedTransaction::commitReader);
        } catch (RuntimeException e) {
            abandon(lease);
            throw e;
        }
    }

    /** Rolls back every participant (best effort: a lost connection rolled its part back already). */
    public synchronized void rollback() {
        ended = true;
        for (RemoteTransaction remote : remotes.values()) {
            remote.rollback();
        }
    }

    private static void commitReader(RemoteTransaction remote) {
        try {
            remote.commit();
        } catch (WorkerTaskException e) {
            // it wrote nothing: only its snapshot and locks end, which a failed commit ends too
            log.debug("commit of read-only participant {} failed: {}", remote.node().name(), e.getMessage());
        }
    }

    private void commitOnePhase(RemoteTransaction writer) {
        try {
            writer.commit();
        } catch (WorkerTaskException e) {
            throw failure(e, "could not commit the transaction on node " + writer.node().name());
        }
    }

    private void commitTwoPhase(List<RemoteTransaction> writers, BackendLease lease, Runnable coordinatorCommit) {
        List<String> gids = writers.stream().map(w -> manager.gid(number, w.node().nodeId())).toList();
        TwoPhaseCommitHook hook = manager.hook();
        manager.committing(gids);
        try {
            hook.reached(CommitPoint.BEFORE_PREPARE, gids.get(0));
            prepareAll(writers, gids);
            hook.reached(CommitPoint.AFTER_PREPARE, gids.get(0));
            writeCommitRecords(writers, lease);
            AtomicBoolean committed = new AtomicBoolean();
            try {
                coordinatorCommit.run();
                committed.set(lease.transactionStatus() == TransactionStatus.IDLE);
            } finally {
                if (!committed.get()) {
                    // whether the coordinator committed is unknown here: recovery reads the record
                    writers.forEach(RemoteTransaction::leaveInDoubt);
                }
            }
            hook.reached(CommitPoint.AFTER_COMMIT_RECORD, gids.get(0));
            List<CompletableFuture<Void>> commits = new ArrayList<>();
            try {
                for (RemoteTransaction writer : writers) {
                    hook.reached(CommitPoint.DURING_COMMIT_PREPARED, writer.gid());
                    commits.add(onWorker(writers.size(), () -> commitPrepared(writer)));
                }
            } finally {
                // recovery may settle these gids once they are no longer listed as committing
                commits.forEach(CompletableFuture::join);
            }
        } finally {
            manager.committed(gids);
        }
    }

    private static void commitPrepared(RemoteTransaction writer) {
        try {
            writer.commitPrepared();
        } catch (WorkerTaskException e) {
            // committed for good: the record says so, and recovery finishes the job
            log.warn("COMMIT PREPARED {} on node {} failed, recovery will retry: {}", writer.gid(),
                    writer.node().name(), e.getMessage());
        }
    }

    /** PREPARE on every writer at once; when any fails, those that prepared are rolled back. */
    private void prepareAll(List<RemoteTransaction> writers, List<String> gids) {
        List<CompletableFuture<Void>> prepares = new ArrayList<>();
        for (int i = 0; i < writers.size(); i++) {
            RemoteTransaction writer = writers.get(i);
            String gid = gids.get(i);
            prepares.add(onWorker(writers.size(), () -> writer.prepare(gid)));
        }
        WorkerTaskException failed = null;
        RemoteTransaction failedOn = null;
        for (int i = 0; i < writers.size(); i++) {
            try {
                prepares.get(i).join();
            } catch (CompletionException e) {
                if (!(e.getCause() instanceof WorkerTaskException workerError)) {
                    throw e;
                }
                if (failed == null) {
                    failed = workerError;
                    failedOn = writers.get(i);
                }
            }
        }
        if (failed != null) {
            for (RemoteTransaction other : writers) {
                if (other.state() == RemoteState.PREPARED) {
                    rollbackPrepared(other);
                }
            }
            throw failure(failed, "could not prepare the transaction on node " + failedOn.node().name());
        }
    }

    /** Runs a call on a worker: in parallel with the others when there are several, else right here. */
    private CompletableFuture<Void> onWorker(int participants, Runnable call) {
        if (participants == 1) {
            try {
                call.run();
                return CompletableFuture.completedFuture(null);
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        return CompletableFuture.runAsync(call, manager.fanOut());
    }

    private static void rollbackPrepared(RemoteTransaction remote) {
        try {
            remote.rollbackPrepared();
        } catch (WorkerTaskException e) {
            log.warn("ROLLBACK PREPARED {} on node {} failed, recovery will retry: {}", remote.gid(),
                    remote.node().name(), e.getMessage());
        }
    }

    private static void writeCommitRecords(List<RemoteTransaction> writers, BackendLease lease) {
        // through distgres's SECURITY DEFINER function: the client's transaction runs as the client's role
        StringBuilder gids = new StringBuilder();
        StringBuilder nodes = new StringBuilder();
        for (int i = 0; i < writers.size(); i++) {
            RemoteTransaction writer = writers.get(i);
            gids.append(i == 0 ? "" : ", ").append("'").append(writer.gid()).append("'");
            nodes.append(i == 0 ? "" : ", ").append(writer.node().nodeId());
        }
        lease.run("SELECT distgres.record_commits(ARRAY[" + gids + "]::text[], ARRAY[" + nodes + "]::integer[])", 0,
                List.of(), DiscardingSink.INSTANCE);
    }

    /** True when the coordinator database's side of the transaction has written (has an xid). */
    private static boolean coordinatorWrote(BackendLease lease) {
        AtomicBoolean wrote = new AtomicBoolean();
        lease.run("SELECT pg_current_xact_id_if_assigned() IS NOT NULL", 0, List.of(),
                cells -> wrote.set(cells[0] != null && cells[0].length == 1 && cells[0][0] == 't'));
        return wrote.get();
    }

    /** After a failed commit: roll back what is still open, leave prepared parts to recovery, end the coordinator's. */
    private void abandon(BackendLease lease) {
        for (RemoteTransaction remote : remotes.values()) {
            if (remote.state() == RemoteState.PREPARED) {
                remote.leaveInDoubt();
            } else {
                remote.rollback();
            }
        }
        try {
            if (lease.transactionStatus() != TransactionStatus.IDLE) {
                lease.run("ROLLBACK", 0, List.of(), DiscardingSink.INSTANCE);
            }
        } catch (PgException e) {
            lease.markBroken();
        }
    }

    /** A worker's error on a statement distgres sent itself: no position (it would point into that statement). */
    private static PgException workerError(WorkerTaskException e) {
        return new PgException(WorkerTaskFailure.of(e, "").error().withPosition(0));
    }

    private static PgException failure(WorkerTaskException e, String context) {
        PgException worker = workerError(e);
        var error = worker.error();
        return new PgException(new io.distgres.coordinator.error.PgError("ERROR", error.sqlState(),
                context + ": " + error.message(), error.detail(), error.hint(), 0, null, null, null, null, null, null));
    }
}
