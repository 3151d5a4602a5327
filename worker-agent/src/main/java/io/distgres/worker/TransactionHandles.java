package io.distgres.worker;

import static java.util.Objects.requireNonNull;

import io.distgres.proto.worker.v1.EndTransactionRequest;
import io.distgres.proto.worker.v1.Identity;
import io.distgres.proto.worker.v1.LockWait;
import io.distgres.proto.worker.v1.PgError;
import io.distgres.sqlstate.SqlState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.postgresql.core.BaseConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The coordinator's open transactions on this agent: each handle pins one pooled connection with
 * a transaction open on it, from its first task until {@link #end} (or until the handle has been
 * idle for the lease, when {@link #expireIdle} rolls it back). Tasks of one handle run one at a
 * time: the second waits for the first.
 */
final class TransactionHandles implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TransactionHandles.class);

    private final PostgresPool pool;
    private final RolesOnConnection roles;
    private final Duration lease;
    private final Map<String, Handle> handles = new ConcurrentHashMap<>();
    /** Handles that ended abnormally (connection lost, lease expired): later tasks must fail, not start afresh. */
    private final Map<String, Tombstone> tombstones = new ConcurrentHashMap<>();

    TransactionHandles(PostgresPool pool, RolesOnConnection roles, Duration lease) {
        this.pool = requireNonNull(pool, "pool is null");
        this.roles = requireNonNull(roles, "roles is null");
        this.lease = requireNonNull(lease, "lease is null");
    }

    /**
     * The handle {@code id}, opened on a new pooled connection of {@code identity}'s login when
     * unknown, locked for the caller until {@link Handle#release}, its connection carrying
     * {@code identity}'s roles.
     */
    Handle acquire(String id, Identity identity) throws SQLException, InterruptedException {
        return acquire(id, identity, Map.of());
    }

    /**
     * As {@link #acquire(String, Identity)}; a new connection also carries {@code sessionSettings}
     * from before BEGIN, so the transaction's tasks of a session with those settings apply none.
     */
    Handle acquire(String id, Identity identity, Map<String, String> sessionSettings)
            throws SQLException, InterruptedException {
        Handle handle = acquire(id, PostgresPool.poolKey(identity), identity, sessionSettings);
        try {
            handle.takeRoles(identity);
        } catch (SQLException e) {
            handle.release(isConnectionError(e), "could not take the session's roles");
            throw e;
        }
        return handle;
    }

    private Handle acquire(String id, String login, Identity identity, Map<String, String> sessionSettings)
            throws SQLException, InterruptedException {
        while (true) {
            Handle handle = handles.get(id);
            Tombstone tombstone = tombstones.get(id);
            if (tombstone != null) {
                throw new SQLException("the transaction ended on this worker: " + tombstone.reason(),
                        SqlState.CONNECTION_FAILURE);
            }
            if (handle == null) {
                Connection connection = pool.connection(identity);
                try {
                    // before BEGIN: roles and settings stay on the connection whatever the transaction's outcome
                    roles.apply(connection, identity, sessionSettings);
                    connection.setAutoCommit(false);
                } catch (SQLException e) {
                    pool.evict(connection);
                    throw e;
                }
                Handle created = new Handle(id, login, connection, connection.unwrap(BaseConnection.class).getBackendPID(),
                        roles.wanted(identity));
                created.lock.acquireUninterruptibly();
                if (handles.putIfAbsent(id, created) == null) {
                    return created;
                }
                created.lock.release();
                returnToPool(connection);
                continue;
            }
            handle.lock.acquire();
            if (handles.get(id) == handle && !handle.closed) {
                if (!handle.login.equals(login)) {
                    handle.lock.release();
                    throw new SQLException("transaction " + id + " belongs to another login",
                            SqlState.INSUFFICIENT_PRIVILEGE);
                }
                return handle;
            }
            handle.lock.release();
        }
    }

    /**
     * Ends a handle or a prepared transaction; returns false when a prepared transaction of that
     * gid did not exist. PostgreSQL's errors are thrown as they are.
     */
    boolean end(EndTransactionRequest request) throws SQLException, InterruptedException {
        EndTransactionRequest.Action action = request.getAction();
        switch (action) {
            case COMMIT_PREPARED, ROLLBACK_PREPARED -> {
                return settlePrepared(request.getGid(), action == EndTransactionRequest.Action.COMMIT_PREPARED);
            }
            case COMMIT, ROLLBACK, PREPARE -> {
                endHandle(request.getTransactionId(), action, request.getGid());
                return true;
            }
            default -> throw new SQLException("unknown transaction action " + action, SqlState.PROTOCOL_VIOLATION);
        }
    }

    private void endHandle(String id, EndTransactionRequest.Action action, String gid)
            throws SQLException, InterruptedException {
        Handle handle = handles.get(id);
        if (handle == null) {
            if (action == EndTransactionRequest.Action.ROLLBACK) {
                return;
            }
            throw new SQLException("transaction " + id + " is not open on this worker (its lease expired or the"
                    + " connection was lost)", SqlState.CONNECTION_FAILURE);
        }
        handle.lock.acquire();
        boolean healthy = false;
        try {
            handles.remove(id, handle);
            if (handle.closed) {
                throw new SQLException("transaction " + id + " already ended on this worker",
                        SqlState.CONNECTION_FAILURE);
            }
            handle.closed = true;
            switch (action) {
                case COMMIT -> handle.connection.commit();
                case ROLLBACK -> handle.connection.rollback();
                default -> {
                    if (!gid.startsWith("distgres_") || gid.contains("'")) {
                        throw new SQLException("invalid transaction identifier " + gid, SqlState.INVALID_NAME);
                    }
                    try (Statement statement = handle.connection.createStatement()) {
                        statement.execute("PREPARE TRANSACTION '" + gid + "'");
                    }
                }
            }
            healthy = true;
        } catch (SQLException e) {
            // PostgreSQL ended the transaction itself (a failed COMMIT rolls back); the connection is reusable
            healthy = !isConnectionError(e) && rollbackQuietly(handle.connection);
            throw e;
        } finally {
            handle.lock.release();
            if (healthy) {
                handle.returnToPool();
            } else {
                pool.evict(handle.connection);
            }
        }
    }

    private boolean settlePrepared(String gid, boolean commit) throws SQLException {
        if (!gid.startsWith("distgres_") || gid.contains("'")) {
            throw new SQLException("invalid transaction identifier " + gid, SqlState.INVALID_NAME);
        }
        try (Connection connection = pool.connection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(true);
            statement.execute((commit ? "COMMIT PREPARED '" : "ROLLBACK PREPARED '") + gid + "'");
            return true;
        } catch (SQLException e) {
            if (SqlState.UNDEFINED_OBJECT.equals(e.getSQLState())) {
                return false; // settled already
            }
            throw e;
        }
    }

    /** Rolls back and drops handles idle longer than the lease; returns how many. */
    int expireIdle() {
        long now = System.nanoTime();
        int expired = 0;
        for (Handle handle : handles.values()) {
            if (now - handle.lastUsed < lease.toNanos() || !handle.lock.tryAcquire()) {
                continue;
            }
            try {
                if (handles.remove(handle.id, handle)) {
                    handle.closed = true;
                    tombstones.put(handle.id, new Tombstone("idle for more than the transaction lease of "
                            + lease.toSeconds() + " s", now));
                    log.warn("transaction {} was idle for more than {} s: rolled back", handle.id, lease.toSeconds());
                    if (rollbackQuietly(handle.connection)) {
                        handle.returnToPool();
                    } else {
                        pool.evict(handle.connection);
                    }
                    expired++;
                }
            } finally {
                handle.lock.release();
            }
        }
        tombstones.values().removeIf(t -> now - t.at() > 4 * lease.toNanos());
        return expired;
    }

    int open() {
        return handles.size();
    }

    /** Which open handle waits for a lock another open handle holds, from PostgreSQL's lock view. */
    List<LockWait> lockWaits() throws SQLException {
        Map<Integer, String> byPid = new HashMap<>();
        handles.values().forEach(h -> byPid.put(h.backendPid, h.id));
        List<LockWait> waits = new ArrayList<>();
        if (byPid.size() < 2) {
            return waits;
        }
        try (Connection connection = pool.connection(); PreparedStatement statement = connection.prepareStatement(
                "SELECT pid, pg_blocking_pids(pid) FROM pg_stat_activity"
                        + " WHERE wait_event_type = 'Lock' AND pid = ANY (?)")) {
            connection.setAutoCommit(true);
            statement.setArray(1, connection.createArrayOf("int4", byPid.keySet().toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    String waiter = byPid.get(rows.getInt(1));
                    for (Object blocker : (Object[]) rows.getArray(2).getArray()) {
                        String holder = byPid.get(((Number) blocker).intValue());
                        if (waiter != null && holder != null && !holder.equals(waiter)) {
                            waits.add(LockWait.newBuilder().setWaiter(waiter).setHolder(holder).build());
                        }
                    }
                }
            }
        }
        return waits;
    }

    /**
     * Cancels the statement handle {@code id} runs, because it was chosen to end a distributed
     * deadlock; its task then fails with 40P01. False when the handle is not open.
     */
    boolean cancelAsDeadlockVictim(String id) throws SQLException {
        Handle handle = handles.get(id);
        if (handle == null) {
            return false;
        }
        handle.deadlockVictim = true;
        handle.connection.unwrap(BaseConnection.class).cancelQuery();
        return true;
    }

    @Override
    public void close() {
        for (Handle handle : handles.values()) {
            if (handles.remove(handle.id, handle)) {
                handle.closed = true;
                pool.evict(handle.connection);
            }
        }
    }

    static long expiryCheckMillis(Duration lease) {
        return Math.max(100, Math.min(TimeUnit.SECONDS.toMillis(5), lease.toMillis() / 4));
    }

    private static boolean rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private void returnToPool(Connection connection) {
        try {
            connection.setAutoCommit(true);
            connection.close();
        } catch (SQLException e) {
            pool.evict(connection);
        }
    }

    private static boolean isConnectionError(SQLException e) {
        return SqlState.isConnectionException(e.getSQLState());
    }

    private record Tombstone(String reason, long at) {
    }

    /** One pinned connection with its transaction; the holder of {@link #lock} may use it. */
    final class Handle {
        private final String id;
        private final String login;
        private final Connection connection;
        // a semaphore, not a lock: a COPY stream takes it on one gRPC thread and may give it back on another
        private final Semaphore lock = new Semaphore(1, true);
        private final int backendPid;
        private volatile long lastUsed = System.nanoTime();
        private volatile boolean closed;
        private volatile boolean deadlockVictim;
        /** The roles the connection carries now; {@link #rolesChanged} once a task changed them inside the transaction. */
        private RolesOnConnection.Roles roles;
        private boolean rolesChanged;

        private Handle(String id, String login, Connection connection, int backendPid, RolesOnConnection.Roles roles) {
            this.id = id;
            this.login = login;
            this.connection = connection;
            this.backendPid = backendPid;
            this.roles = roles;
        }

        /**
         * Gives the connection the task's roles inside the transaction. Once they changed there, a
         * rollback to a savepoint may have put older ones back unseen, so every later task sets its own.
         */
        private void takeRoles(Identity identity) throws SQLException {
            RolesOnConnection.Roles wanted = TransactionHandles.this.roles.wanted(identity);
            if (!rolesChanged && wanted.equals(roles)) {
                return;
            }
            rolesChanged = true;
            RolesOnConnection.set(connection, wanted);
            roles = wanted;
        }

        private void returnToPool() {
            if (rolesChanged) {
                // set inside the transaction: kept if it committed, undone if not
                TransactionHandles.this.roles.forget(connection);
            }
            TransactionHandles.this.returnToPool(connection);
        }

        /** The error a task of this handle reports: a cancel that ended a distributed deadlock is 40P01. */
        PgError explain(PgError error) {
            if (deadlockVictim && SqlState.QUERY_CANCELED.equals(error.sqlState())) {
                return PgError.of(SqlState.DEADLOCK_DETECTED,
                        "deadlock detected: this transaction waited for locks across worker"
                        + " nodes in a cycle and was canceled to end it");
            }
            return error;
        }

        Connection connection() {
            return connection;
        }

        /**
         * Gives the handle back after a task. {@code broken}: the connection is lost, so the
         * handle is dropped and later tasks of the transaction fail with 08006.
         */
        void release(boolean broken, String reason) {
            lastUsed = System.nanoTime();
            try {
                if (broken && handles.remove(id, this)) {
                    closed = true;
                    tombstones.put(id, new Tombstone("connection to PostgreSQL lost: " + reason, System.nanoTime()));
                    pool.evict(connection);
                }
            } finally {
                lock.release();
            }
        }
    }
}
