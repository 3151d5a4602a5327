package io.distgres.coordinator.backend;

import static java.util.Objects.requireNonNull;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import io.distgres.coordinator.error.PgError;
import io.distgres.coordinator.error.PgException;
import io.distgres.coordinator.pgwire.codec.TransactionStatus;
import io.distgres.planner.sql.SqlLiterals;
import io.distgres.sqlstate.SqlState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.postgresql.core.BaseConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HikariCP pools of connections to one backend PostgreSQL: one per login role, so a session's
 * connection was opened by the role its client logged in as and PostgreSQL itself decides what it
 * may do and which roles it may take (a pooled superuser connection switched to a plain role
 * could switch itself back with {@code set_config('session_authorization', ...)}). The pool of
 * the configured user is opened at once; others on a login's first session.
 *
 * <p>Sessions lease a connection for a statement or a transaction (transaction pooling); the pool
 * remembers which session settings and roles (SET SESSION AUTHORIZATION, SET ROLE) each physical
 * connection carries, so a lease only re-applies them when they differ.
 */
public final class BackendPool implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BackendPool.class);
    /** Idle connections of a login's pool close after this long: roles come and go, connections should not stay. */
    private static final long LOGIN_POOL_IDLE_MILLIS = 30_000;

    private final String name;
    private final String jdbcUrl;
    private final String user;
    private final int size;
    private final long timeoutMillis;
    private final ScheduledExecutorService housekeeping;
    private final HikariDataSource dataSource;
    private final Map<String, HikariDataSource> loginPools = new ConcurrentHashMap<>();
    /** Which login pool each physical connection belongs to, so eviction goes back there. */
    private final Map<BaseConnection, HikariDataSource> ownedBy = Collections.synchronizedMap(new WeakHashMap<>());
    private final Map<BaseConnection, Carried> applied = Collections.synchronizedMap(new WeakHashMap<>());

    public BackendPool(String name, String jdbcUrl, String user, String password, int size, long timeoutMillis) {
        this.name = requireNonNull(name, "name is null");
        this.jdbcUrl = requireNonNull(jdbcUrl, "jdbcUrl is null");
        this.user = requireNonNull(user, "user is null");
        this.size = size;
        this.timeoutMillis = timeoutMillis;
        this.housekeeping = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, name + "-pools");
            thread.setDaemon(true);
            return thread;
        });
        HikariConfig config = config(name, user, password);
        config.setMinimumIdle(Math.min(2, size));
        this.dataSource = new HikariDataSource(config);
    }

    private HikariConfig config(String poolName, String login, String password) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(poolName);
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(login);
        config.setPassword(password);
        config.setMaximumPoolSize(size);
        config.setConnectionTimeout(Math.max(250, timeoutMillis));
        config.setAutoCommit(true);
        config.setScheduledExecutor(housekeeping);
        config.addDataSourceProperty("ApplicationName", "distgres");
        config.addDataSourceProperty("binaryTransfer", "false");
        config.addDataSourceProperty("tcpKeepAlive", "true");
        return config;
    }

    /**
     * Refuses a client login as PostgreSQL would at connection start: FATAL 28000 when
     * {@code login} does not exist or may not log in; else its OID (0 for the pool's own user).
     * Checked for every client connection, since a pooled connection of the role may outlive an
     * ALTER ROLE ... NOLOGIN or a DROP ROLE.
     */
    public long verifyLogin(String login) {
        if (login.equals(user)) {
            // the pool's own user: its connections prove it exists and may log in
            return 0;
        }
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(
                "SELECT oid, rolcanlogin FROM pg_catalog.pg_roles WHERE rolname = ?")) {
            statement.setString(1, login);
            try (ResultSet role = statement.executeQuery()) {
                if (!role.next()) {
                    throw new PgException(PgError.fatal(SqlState.INVALID_AUTHORIZATION,
                            "role \"" + login + "\" does not exist"));
                }
                if (!role.getBoolean(2)) {
                    throw new PgException(PgError.fatal(SqlState.INVALID_AUTHORIZATION,
                            "role \"" + login + "\" is not permitted to log in"));
                }
                return role.getLong(1);
            }
        } catch (SQLTransientConnectionException e) {
            throw exhausted();
        } catch (SQLException e) {
            throw BackendErrors.toPgException(e);
        }
    }

    /**
     * Leases a connection opened by {@code identity}'s login and makes it carry {@code settings}
     * and {@code identity}'s roles; 53300 when none frees up in time.
     */
    public BackendLease acquire(SessionIdentity identity, SessionSettings settings) {
        BackendLease lease;
        try {
            lease = new BackendLease(this, connection(identity));
        } catch (SQLTransientConnectionException e) {
            if (e.getCause() instanceof SQLException refused && SqlState.inClass(refused.getSQLState(),
                    SqlState.INVALID_AUTHORIZATION)) {
                throw BackendErrors.toPgException(refused);
            }
            throw exhausted();
        } catch (SQLException e) {
            throw BackendErrors.toPgException(e);
        }
        try {
            apply(lease, new Carried(settings, identity));
        } catch (RuntimeException e) {
            lease.markBroken();
            lease.close();
            throw e;
        }
        return lease;
    }

    private PgException exhausted() {
        return new PgException(PgError.error(SqlState.TOO_MANY_CONNECTIONS,
                "no connection to the coordinator database became free within " + timeoutMillis + " ms"));
    }

    private Connection connection(SessionIdentity identity) throws SQLException {
        if (identity.loginOid() == 0) {
            return dataSource.getConnection();
        }
        HikariDataSource pool = loginPools.get(identity.poolKey());
        if (pool == null) {
            try {
                pool = loginPools.computeIfAbsent(identity.poolKey(), key -> loginPool(key, identity.login()));
            } catch (HikariPool.PoolInitializationException e) {
                if (e.getCause() instanceof SQLException refused) {
                    throw refused;
                }
                throw new SQLException(e.getMessage(), SqlState.CONNECTION_FAILURE, e);
            }
        }
        Connection connection = pool.getConnection();
        // once per physical connection: a lease then costs one lookup and no allocation
        BaseConnection physical = connection.unwrap(BaseConnection.class);
        if (!ownedBy.containsKey(physical)) {
            ownedBy.put(physical, pool);
        }
        return connection;
    }

    private HikariDataSource loginPool(String key, String login) {
        // trust authentication only for now: a login's pool connects without a password
        HikariConfig config = config(name + "-" + key, login, null);
        config.setMinimumIdle(0);
        config.setIdleTimeout(LOGIN_POOL_IDLE_MILLIS);
        // opening the pool opens one connection: a role PostgreSQL refuses fails now, not after the wait
        config.setInitializationFailTimeout(1);
        return new HikariDataSource(config);
    }

    /** Records that the lease's connection now carries {@code settings} and {@code identity} (read back after a SET). */
    public void recordSettings(BackendLease lease, SessionSettings settings, SessionIdentity identity) {
        applied.put(lease.connection(), new Carried(settings, identity));
    }

    private void apply(BackendLease lease, Carried wanted) {
        String login = wanted.identity().login();
        Carried current = applied.getOrDefault(lease.connection(),
                new Carried(SessionSettings.EMPTY, SessionIdentity.loggedInAs(login, wanted.identity().loginOid())));
        // a statement may have changed the session authorization unseen (set_config in a function): it is reported
        String reported = lease.reportedParameters().get("session_authorization");
        boolean reportedAsExpected = reported == null || reported.equals(current.identity().sessionAuthorization());
        if (current.equals(wanted) && reportedAsExpected) {
            return;
        }
        applied.remove(lease.connection());
        if (!current.identity().isLoginOnly() || !reportedAsExpected) {
            // back to the login first, so settings only it may set can be restored
            lease.run("SELECT pg_catalog.set_config('role', 'none', false), pg_catalog.set_config("
                    + "'session_authorization', " + SqlLiterals.quote(login) + ", false)", 0, List.of(),
                    DiscardingSink.INSTANCE);
        }
        if (!current.settings().equals(wanted.settings())) {
            for (String sql : wanted.settings().restoreSql(!current.settings().isEmpty())) {
                lease.run(sql, 0, List.of(), DiscardingSink.INSTANCE);
            }
        }
        SessionIdentity identity = wanted.identity();
        if (!identity.isLoginOnly()) {
            // session authorization first: setting it resets the role
            lease.run("SELECT pg_catalog.set_config('session_authorization', "
                    + SqlLiterals.quote(identity.sessionAuthorization()) + ", false), pg_catalog.set_config("
                    + "'role', " + SqlLiterals.quote(identity.role()) + ", false)", 0, List.of(),
                    DiscardingSink.INSTANCE);
        }
        applied.put(lease.connection(), wanted);
    }

    void release(BackendLease lease) {
        Connection pooled = lease.pooled();
        try {
            if (!lease.isBroken() && lease.transactionStatus() != TransactionStatus.IDLE) {
                lease.run("ROLLBACK", 0, List.of(), DiscardingSink.INSTANCE);
            }
        } catch (RuntimeException e) {
            LOG.debug("rollback on release failed; evicting connection", e);
            lease.markBroken();
        }
        if (lease.isBroken()) {
            applied.remove(lease.connection());
            HikariDataSource owner = ownedBy.remove(lease.connection());
            (owner == null ? dataSource : owner).evictConnection(pooled);
            return;
        }
        try {
            pooled.close();
        } catch (SQLException e) {
            LOG.debug("returning a connection to the pool failed", e);
        }
    }

    public int active() {
        int active = 0;
        for (HikariDataSource pool : pools()) {
            active += pool.getHikariPoolMXBean() == null ? 0 : pool.getHikariPoolMXBean().getActiveConnections();
        }
        return active;
    }

    private List<HikariDataSource> pools() {
        List<HikariDataSource> all = new java.util.ArrayList<>(loginPools.values());
        all.add(dataSource);
        return all;
    }

    @Override
    public void close() {
        loginPools.values().forEach(HikariDataSource::close);
        dataSource.close();
        housekeeping.shutdownNow();
    }

    /** What a physical connection carries: session settings and roles. */
    private record Carried(SessionSettings settings, SessionIdentity identity) {
    }
}
