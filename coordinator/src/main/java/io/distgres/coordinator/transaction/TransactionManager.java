package io.distgres.coordinator.transaction;

import static java.util.Objects.requireNonNull;

import io.distgres.coordinator.metadata.CatalogReader;
import io.distgres.coordinator.metadata.DistNode;
import io.distgres.coordinator.worker.WorkerClient;
import io.distgres.coordinator.worker.WorkerClients;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What all distributed transactions of one coordinator share: the coordinator's identity in global
 * transaction ids, the transaction counter, the gids whose two-phase commit is running now (so
 * recovery leaves them alone), the test hook, the recovery of prepared leftovers (also run in the
 * background every {@code recoveryInterval}) and distributed deadlock detection (every second).
 *
 * <p>Global ids are {@code distgres_<coordinatorId>_<transaction>_<nodeId>}. The coordinator id is
 * the coordinator database's system identifier, so it is stable across restarts and differs
 * between coordinators; transaction numbers start from the clock in microseconds at startup, so
 * a restarted coordinator does not reuse the numbers of its previous run.
 */
public final class TransactionManager implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TransactionManager.class);
    /** How long one COMMIT, PREPARE or COMMIT PREPARED may take on a worker. */
    static final Duration END_TIMEOUT = Duration.ofSeconds(30);
    /** How often the workers' lock waits are merged to look for distributed deadlocks. */
    private static final Duration DEADLOCK_DETECTION_INTERVAL = Duration.ofSeconds(1);

    private final WorkerClients workers;
    private final String coordinatorId;
    private final AtomicLong counter = new AtomicLong(TimeUnit.MILLISECONDS.toMicros(System.currentTimeMillis()));
    private final Set<String> committing = ConcurrentHashMap.newKeySet();
    private final PreparedTransactionRecovery recovery;
    private final DistributedDeadlockDetector deadlocks;
    private final ScheduledExecutorService background;
    private final ExecutorService fanOut = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "distgres-two-phase-commit");
        thread.setDaemon(true);
        return thread;
    });
    private volatile TwoPhaseCommitHook hook = TwoPhaseCommitHook.NONE;

    /**
     * @param metadata         connections to the coordinator database (commit records)
     * @param recoveryInterval how often the background recovery runs
     */
    public TransactionManager(DataSource metadata, CatalogReader catalog, WorkerClients workers,
                              Duration recoveryInterval) throws SQLException {
        requireNonNull(metadata, "metadata is null");
        this.workers = requireNonNull(workers, "workers is null");
        this.coordinatorId = systemIdentifier(metadata);
        this.recovery = new PreparedTransactionRecovery(metadata, catalog, workers, gidPrefix(), committing::contains);
        this.deadlocks = new DistributedDeadlockDetector(catalog, workers, coordinatorId + "_");
        // two threads: a slow recovery pass (a worker down) must not hold up deadlock detection
        this.background = Executors.newScheduledThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "distgres-transactions");
            thread.setDaemon(true);
            return thread;
        });
        long millis = recoveryInterval.toMillis();
        background.scheduleWithFixedDelay(this::recoverInBackground, millis, millis, TimeUnit.MILLISECONDS);
        long detection = DEADLOCK_DETECTION_INTERVAL.toMillis();
        background.scheduleWithFixedDelay(this::detectDeadlocks, detection, detection, TimeUnit.MILLISECONDS);
    }

    private void detectDeadlocks() {
        try {
            deadlocks.detect();
        } catch (RuntimeException e) {
            log.warn("distributed deadlock detection failed: {}", e.getMessage());
        }
    }

    /** A new distributed transaction for one client transaction block. */
    public DistributedTransaction begin() {
        long number = counter.incrementAndGet();
        return new DistributedTransaction(this, number, coordinatorId + "_" + number);
    }

    /**
     * Commits or rolls back every prepared distgres transaction of this coordinator that no running
     * commit owns, by the presence of its commit record; returns how many it settled.
     */
    public int recoverPreparedTransactions() {
        return recovery.recover();
    }

    /** Installs the hook told about each step of every two-phase commit (tests). */
    public void useHook(TwoPhaseCommitHook hook) {
        this.hook = requireNonNull(hook, "hook is null");
    }

    /** The prefix of every gid this coordinator prepares. */
    public String gidPrefix() {
        return "distgres_" + coordinatorId + "_";
    }

    String gid(long transaction, int nodeId) {
        return gidPrefix() + transaction + "_" + nodeId;
    }

    WorkerClient client(DistNode node) {
        return workers.forNode(node);
    }

    TwoPhaseCommitHook hook() {
        return hook;
    }

    /** Threads for PREPARE and COMMIT PREPARED on several workers at once. */
    Executor fanOut() {
        return fanOut;
    }

    void committing(Collection<String> gids) {
        committing.addAll(gids);
    }

    void committed(Collection<String> gids) {
        committing.removeAll(gids);
    }

    private void recoverInBackground() {
        try {
            int settled = recovery.recover();
            if (settled > 0) {
                log.info("transaction recovery settled {} prepared transactions", settled);
            }
        } catch (RuntimeException e) {
            log.warn("transaction recovery failed: {}", e.getMessage());
        }
    }

    private static String systemIdentifier(DataSource metadata) throws SQLException {
        try (Connection connection = metadata.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT system_identifier FROM pg_control_system()")) {
            rows.next();
            return Long.toUnsignedString(rows.getLong(1));
        }
    }

    @Override
    public void close() {
        background.shutdownNow();
        fanOut.shutdown();
    }
}
