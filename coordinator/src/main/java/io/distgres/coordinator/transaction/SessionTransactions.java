package io.distgres.coordinator.transaction;

import static java.util.Objects.requireNonNull;

import io.distgres.coordinator.backend.BackendLease;
import io.distgres.coordinator.backend.DiscardingSink;
import io.distgres.coordinator.error.PgException;
import io.distgres.coordinator.pgwire.codec.TransactionStatus;
import io.distgres.planner.sql.StatementText;
import io.distgres.sqlstate.SqlState;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client session's side of distributed transactions: the {@link DistributedTransaction} of its
 * open transaction block, and the transaction statements that must reach the workers — COMMIT and
 * ROLLBACK (which end it), savepoints and SET LOCAL (which every participant must run, and every
 * later participant must replay when it opens). The client's statements themselves still run on
 * the session's coordinator connection, which is where the transaction status the client sees
 * comes from. Used from the session's own thread only.
 */
public final class SessionTransactions {
    private static final Logger log = LoggerFactory.getLogger(SessionTransactions.class);
    private static final String ABORT_COORDINATOR_TRANSACTION =
            "DO $distgres$ BEGIN RAISE EXCEPTION 'distgres: a distributed statement failed'; END $distgres$";

    private final TransactionManager manager;
    private final Supplier<BackendLease> lease;
    private final Supplier<Map<String, String>> settings;
    private DistributedTransaction current;
    /** SET TRANSACTION for participants, read from the coordinator transaction when {@link #current} began. */
    private List<String> isolation = List.of();
    /** Whether this coordinator transaction may run with non-default modes (so they must be read). */
    private boolean modesMayDiffer;
    /** Whether the session's defaults (database, role) are the built-in ones; null until read. */
    private Boolean defaultModes;
    /** Savepoints and SET LOCALs of the open coordinator transaction, in order: what a new participant replays. */
    private final List<Replayed> replay = new ArrayList<>();

    /**
     * @param lease    the session's coordinator connection (leased on demand)
     * @param settings the session's settings as last read ({@code pg_settings} names and values)
     */
    public SessionTransactions(TransactionManager manager, Supplier<BackendLease> lease,
                               Supplier<Map<String, String>> settings) {
        this.manager = requireNonNull(manager, "manager is null");
        this.lease = requireNonNull(lease, "lease is null");
        this.settings = requireNonNull(settings, "settings is null");
    }

    /**
     * The distributed transaction of the session's open transaction block, begun on first use with
     * the block's isolation level and read-only mode. Fails with 25P02 in an aborted block.
     */
    public DistributedTransaction current() {
        BackendLease coordinator = lease.get();
        if (coordinator.transactionStatus() == TransactionStatus.FAILED) {
            throw new PgException(SqlState.IN_FAILED_SQL_TRANSACTION,
                    "current transaction is aborted, commands ignored until end of transaction block");
        }
        if (current == null) {
            isolation = new ArrayList<>(modesMayDiffer(coordinator) ? isolation(coordinator) : List.of());
            String idleTimeout = settings.get().get("idle_in_transaction_session_timeout");
            if (idleTimeout != null && idleTimeout.chars().allMatch(Character::isDigit) && !idleTimeout.equals("0")) {
                // the workers end an idle transaction as the coordinator does: its locks go with it
                isolation.add("SET LOCAL idle_in_transaction_session_timeout = " + idleTimeout);
            }
            current = manager.begin();
            current.openWith(replayedStatements());
        }
        return current;
    }

    /** True while workers take part in the session's transaction. */
    public boolean active() {
        return current != null && current.hasParticipants();
    }

    /**
     * Runs a client's transaction statement ({@code kind} read from {@code statement}) with what the
     * distributed transaction must do around it; {@code onCoordinator} runs it on the coordinator
     * database and relays its result. Returns false when the distributed transaction has nothing to
     * do with it (the caller runs it as usual).
     */
    public boolean control(StatementText statement, TransactionStatement kind, Runnable onCoordinator) {
        switch (kind) {
            case NONE, BEGIN, FINISH_PREPARED -> {
                return false;
            }
            case BEGIN_WITH_MODES, TRANSACTION_MODES -> {
                modesMayDiffer = true;
                return false;
            }
            case COMMIT -> {
                DistributedTransaction ending = current;
                if (ending == null) {
                    return false;
                }
                end();
                if (lease.get().transactionStatus() == TransactionStatus.FAILED) {
                    ending.rollback(); // PostgreSQL answers ROLLBACK to COMMIT in a failed block
                    onCoordinator.run();
                } else {
                    ending.commit(lease.get(), onCoordinator);
                }
                return true;
            }
            case ROLLBACK -> {
                DistributedTransaction ending = current;
                if (ending == null) {
                    return false;
                }
                end();
                ending.rollback();
                onCoordinator.run();
                return true;
            }
            case COMMIT_AND_CHAIN, ROLLBACK_AND_CHAIN, PREPARE_TRANSACTION -> {
                if (active()) {
                    throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, String.join(" ", statement.leadingWords(4))
                            + " is not supported by distgres in a transaction that involves worker nodes");
                }
                return false;
            }
            default -> {
                onCoordinator.run();
                remember(kind, statement);
                if (current != null) {
                    current.applyEverywhere(statement.text(), replayedStatements());
                }
                return true;
            }
        }
    }

    /**
     * Ends an implicit transaction (several statements in one simple query, an extended-protocol
     * batch): commits or rolls back the workers' parts with the coordinator's, which
     * {@code onCoordinator} ends.
     */
    public void endImplicit(boolean commit, Runnable onCoordinator) {
        DistributedTransaction ending = current;
        end();
        if (ending == null) {
            onCoordinator.run();
        } else if (commit && lease.get().transactionStatus() == TransactionStatus.OPEN) {
            ending.commit(lease.get(), onCoordinator);
        } else {
            ending.rollback();
            onCoordinator.run();
        }
    }

    /**
     * After a statement failed inside a transaction block: PostgreSQL aborts the block on any
     * error, so the coordinator's transaction is made to fail too when the error came from
     * elsewhere (a worker, routing), and later statements get 25P02 until the client rolls back.
     */
    public void statementFailed(BackendLease coordinator) {
        if (coordinator.transactionStatus() != TransactionStatus.OPEN) {
            return;
        }
        try {
            coordinator.run(ABORT_COORDINATOR_TRANSACTION, 0, List.of(), DiscardingSink.INSTANCE);
        } catch (PgException expected) {
            // the point: the transaction is now aborted
        }
    }

    /** The coordinator connection is idle (no transaction): nothing distributed may stay open. */
    public void coordinatorIdle() {
        replay.clear();
        modesMayDiffer = false;
        if (current != null) {
            log.warn("transaction {} was still open when the session's transaction ended; rolling it back",
                    current.handleId());
            abandon();
        }
    }

    /** The session ends: roll back whatever is open on the workers. */
    public void abandon() {
        DistributedTransaction ending = current;
        end();
        if (ending != null) {
            ending.rollback();
        }
    }

    private void end() {
        current = null;
        replay.clear();
        modesMayDiffer = false;
    }

    /**
     * False when the transaction surely runs READ COMMITTED, READ WRITE: no statement set modes,
     * no session setting changed the defaults, and the defaults the session started with (from the
     * database or role) are the built-in ones — read once per session. Saves a round trip per
     * distributed transaction.
     */
    private boolean modesMayDiffer(BackendLease coordinator) {
        if (modesMayDiffer || settings.get().keySet().stream().anyMatch(n -> n.startsWith("default_transaction_"))) {
            return true;
        }
        if (defaultModes == null) {
            boolean[] plain = new boolean[1];
            coordinator.run("SELECT current_setting('default_transaction_isolation') = 'read committed'"
                    + " AND current_setting('default_transaction_read_only') = 'off'", 0, List.of(),
                    cells -> plain[0] = cells[0] != null && cells[0].length == 1 && cells[0][0] == 't');
            defaultModes = plain[0];
        }
        return !defaultModes;
    }

    private void remember(TransactionStatement kind, StatementText statement) {
        switch (kind) {
            case SAVEPOINT -> replay.add(new Replayed(TransactionStatement.savepointName(statement), statement.text()));
            case SET_LOCAL -> replay.add(new Replayed(null, statement.text()));
            case RELEASE -> {
                // the savepoint and those after it go; what was set after them stays
                int at = lastSavepoint(TransactionStatement.savepointName(statement));
                if (at >= 0) {
                    for (int i = replay.size() - 1; i >= at; i--) {
                        if (replay.get(i).savepoint() != null) {
                            replay.remove(i);
                        }
                    }
                }
            }
            case ROLLBACK_TO -> {
                // everything after the savepoint is undone; the savepoint itself stays
                int at = lastSavepoint(TransactionStatement.savepointName(statement));
                if (at >= 0) {
                    replay.subList(at + 1, replay.size()).clear();
                }
            }
            default -> {
            }
        }
    }

    private int lastSavepoint(String name) {
        for (int i = replay.size() - 1; i >= 0; i--) {
            if (name.equals(replay.get(i).savepoint())) {
                return i;
            }
        }
        return -1;
    }

    private List<String> replayedStatements() {
        List<String> statements = new ArrayList<>(isolation);
        replay.forEach(r -> statements.add(r.statement()));
        return statements;
    }

    /** SET TRANSACTION matching the coordinator transaction's isolation level and read-only mode, when not the defaults. */
    private static List<String> isolation(BackendLease coordinator) {
        String[] settings = new String[2];
        coordinator.run("SELECT current_setting('transaction_isolation'), current_setting('transaction_read_only')",
                0, List.of(), cells -> {
                    settings[0] = new String(cells[0], java.nio.charset.StandardCharsets.UTF_8);
                    settings[1] = new String(cells[1], java.nio.charset.StandardCharsets.UTF_8);
                });
        boolean readOnly = "on".equals(settings[1]);
        if ("read committed".equals(settings[0]) && !readOnly) {
            return List.of();
        }
        return List.of("SET TRANSACTION ISOLATION LEVEL " + settings[0].toUpperCase(Locale.ROOT)
                + (readOnly ? " READ ONLY" : ""));
    }

    /** A statement a new participant replays; {@code savepoint} names the savepoint it creates, null for SET LOCAL. */
    private record Replayed(String savepoint, String statement) {
    }
}
