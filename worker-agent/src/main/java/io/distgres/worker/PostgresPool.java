package io.distgres.worker;

import static java.util.Objects.requireNonNull;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import com.zaxxer.hikari.pool.HikariPool;
import io.distgres.proto.worker.v1.Identity;
import io.distgres.sqlstate.SqlState;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Collections;
import java.util.Map;
import java.util.Properties;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.postgresql.Driver;
import org.postgresql.core.BaseConnection;

/**
 * The HikariCP pools towards the one PostgreSQL server an agent fronts, configured so that
 * pgjdbc hands back PostgreSQL's own text output: the agent's own pool (its configured user, for
 * distgres's own work and for clients logged in as that user) and one pool per other login role a
 * client session logged in as. A task runs on a connection its session's login opened, so
 * PostgreSQL itself enforces what the session may do and become (no superuser connection is ever
 * lent to a plain role).
 */
final class PostgresPool implements AutoCloseable {
    /** Idle connections of a login's pool close after this long: roles come and go, connections should not stay. */
    private static final long LOGIN_POOL_IDLE_MILLIS = 30_000;

    private final WorkerAgentConfig config;
    private final HikariDataSource dataSource;
    private final Map<String, HikariDataSource> loginPools = new ConcurrentHashMap<>();
    /** Which login pool each physical connection belongs to, so eviction goes back to that pool. */
    private final Map<BaseConnection, HikariDataSource> ownedBy = Collections.synchronizedMap(new WeakHashMap<>());
    private final ScheduledExecutorService housekeeping;
    private final String host;
    private final int port;
    private volatile boolean closed;

    PostgresPool(WorkerAgentConfig config) {
        this.config = requireNonNull(config, "config is null");
        this.housekeeping = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "distgres-worker-" + config.port() + "-pools");
            thread.setDaemon(true);
            return thread;
        });
        HikariConfig hikari = hikariConfig("distgres-worker-" + config.port(), config.user(), config.password());
        // start even when PostgreSQL is not up yet: Health reports it, tasks fail with 08xxx
        hikari.setInitializationFailTimeout(-1);
        this.dataSource = new HikariDataSource(hikari);

        Properties parsed = Driver.parseURL(config.jdbcUrl(), null);
        this.host = parsed == null ? "" : parsed.getProperty("PGHOST", "localhost").split(",")[0];
        this.port = parsed == null ? 0 : Integer.parseInt(parsed.getProperty("PGPORT", "5432").split(",")[0]);
    }

    private HikariConfig hikariConfig(String name, String user, String password) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName(name);
        hikari.setDriverClassName(Driver.class.getName());
        hikari.setJdbcUrl(config.jdbcUrl());
        hikari.setUsername(user);
        hikari.setPassword(password);
        hikari.setMaximumPoolSize(config.poolSize());
        hikari.setConnectionTimeout(config.poolTimeout().toMillis());
        hikari.setValidationTimeout(Math.min(1000, config.poolTimeout().toMillis()));
        hikari.setScheduledExecutor(housekeeping);
        // text mode everywhere: cells must be exactly PostgreSQL's text output (bytea as \x..)
        hikari.addDataSourceProperty("binaryTransfer", "false");
        // parameters are sent untyped so PostgreSQL infers their types as for a bare $n
        hikari.addDataSourceProperty("stringtype", "unspecified");
        hikari.addDataSourceProperty("ApplicationName", "distgres-worker");
        hikari.addDataSourceProperty("connectTimeout", "5");
        hikari.addDataSourceProperty("tcpKeepAlive", "true");
        return hikari;
    }

    /** A connection as the agent's own user. */
    Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    /**
     * A connection opened by {@code identity}'s login (the agent's own user when it names none or
     * the same). Pools are kept per login name and coordinator OID, so a role dropped and created
     * again, or renamed, under one name never gets a connection opened for the earlier one. A role
     * PostgreSQL refuses fails with PostgreSQL's error (28000), not after the pool's wait.
     */
    Connection connection(Identity identity) throws SQLException {
        String login = identity.getLogin();
        if (login.isEmpty() || login.equals(config.user()) && identity.getLoginOid() == 0) {
            return dataSource.getConnection();
        }
        HikariDataSource pool = loginPool(poolKey(identity), login);
        if (closed) {
            throw new SQLException("worker agent is shutting down", SqlState.ADMIN_SHUTDOWN);
        }
        Connection connection;
        try {
            connection = pool.getConnection();
        } catch (SQLTransientConnectionException e) {
            // HikariCP keeps the last connection failure: PostgreSQL's refusal of the role is the answer
            if (e.getCause() instanceof SQLException refused && refused.getSQLState() != null
                    && !SqlState.isConnectionException(refused.getSQLState())) {
                throw refused;
            }
            throw e;
        }
        // once per physical connection: a lease then costs one lookup and no allocation
        BaseConnection physical = connection.unwrap(BaseConnection.class);
        if (!ownedBy.containsKey(physical)) {
            ownedBy.put(physical, pool);
        }
        return connection;
    }

    /** Which pool {@code identity}'s tasks take connections from: its login name and coordinator OID. */
    static String poolKey(Identity identity) {
        return identity.getLoginOid() == 0 ? identity.getLogin() : identity.getLogin() + "#" + identity.getLoginOid();
    }

    private HikariDataSource loginPool(String key, String login) throws SQLException {
        HikariDataSource pool = loginPools.get(key);
        if (pool != null) {
            return pool;
        }
        try {
            return loginPools.computeIfAbsent(key, k -> {
                // trust authentication only for now: a login's pool connects without a password
                HikariConfig hikari = hikariConfig("distgres-worker-" + config.port() + "-" + k, login, null);
                hikari.setMinimumIdle(0);
                hikari.setIdleTimeout(LOGIN_POOL_IDLE_MILLIS);
                // opening the pool opens one connection: a role PostgreSQL refuses fails now, not after a wait
                hikari.setInitializationFailTimeout(1);
                return new HikariDataSource(hikari);
            });
        } catch (HikariPool.PoolInitializationException e) {
            if (e.getCause() instanceof SQLException refused) {
                throw refused;
            }
            throw new SQLException("cannot connect to PostgreSQL as \"" + login + "\": " + e.getMessage(),
                    SqlState.CONNECTION_FAILURE, e);
        }
    }

    /** Drops a connection whose backend state is unknown (e.g. a cancel may still be in flight). */
    void evict(Connection connection) {
        HikariDataSource pool = null;
        try {
            pool = ownedBy.remove(connection.unwrap(BaseConnection.class));
        } catch (SQLException e) {
            // not a pgjdbc connection: the agent's own pool lent it
        }
        (pool == null ? dataSource : pool).evictConnection(connection);
    }

    String host() {
        return host;
    }

    int port() {
        return port;
    }

    int active() {
        return count(HikariPoolMXBean::getActiveConnections);
    }

    int idle() {
        return count(HikariPoolMXBean::getIdleConnections);
    }

    private int count(java.util.function.ToIntFunction<HikariPoolMXBean> figure) {
        int total = 0;
        for (HikariDataSource pool : pools()) {
            HikariPoolMXBean bean = pool.getHikariPoolMXBean();
            total += bean == null ? 0 : figure.applyAsInt(bean);
        }
        return total;
    }

    private Iterable<HikariDataSource> pools() {
        java.util.List<HikariDataSource> all = new java.util.ArrayList<>(loginPools.values());
        all.add(dataSource);
        return all;
    }

    @Override
    public void close() {
        closed = true;
        loginPools.values().forEach(HikariDataSource::close);
        dataSource.close();
        housekeeping.shutdownNow();
    }
}
