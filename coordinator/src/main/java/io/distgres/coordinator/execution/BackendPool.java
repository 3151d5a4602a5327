package io.distgres.coordinator.execution;

import static java.util.Objects.requireNonNull;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.distgres.coordinator.error.PgError;
import io.distgres.coordinator.error.PgException;
import io.distgres.coordinator.error.SqlState;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import org.postgresql.core.BaseConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HikariCP pool of connections to one backend PostgreSQL. Sessions lease a connection for a
 * statement or a transaction (transaction pooling); the pool remembers which session settings
 * each physical connection carries so a lease only re-applies settings when they differ.
 */
public final class BackendPool implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BackendPool.class);

    private final HikariDataSource dataSource;
    private final long timeoutMillis;
    private final Map<BaseConnection, SessionSettings> appliedSettings =
            Collections.synchronizedMap(new WeakHashMap<>());

    public BackendPool(String name, String jdbcUrl, String user, String password, int size, long timeoutMillis) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(requireNonNull(name, "name is null"));
        config.setJdbcUrl(requireNonNull(jdbcUrl, "jdbcUrl is null"));
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(Math.min(2, size));
        config.setConnectionTimeout(Math.max(250, timeoutMillis));
        config.setAutoCommit(true);
        config.addDataSourceProperty("ApplicationName", "distgres");
        config.addDataSourceProperty("binaryTransfer", "false");
        config.addDataSourceProperty("tcpKeepAlive", "true");
        this.dataSource = new HikariDataSource(config);
        this.timeoutMillis = timeoutMillis;
    }

    /** Leases a connection and makes it carry {@code settings}; 53300 when none frees up in time. */
    public BackendLease acquire(SessionSettings settings) {
        BackendLease lease;
        try {
            lease = new BackendLease(this, dataSource.getConnection());
        } catch (SQLTransientConnectionException e) {
            throw new PgException(PgError.error(SqlState.TOO_MANY_CONNECTIONS,
                    "no connection to the coordinator database became free within " + timeoutMillis + " ms"));
        } catch (SQLException e) {
            throw BackendErrors.toPgException(e);
        }
        try {
            apply(lease, settings);
        } catch (RuntimeException e) {
            lease.markBroken();
            lease.close();
            throw e;
        }
        return lease;
    }

    /** Records that the lease's connection now carries {@code settings} (read back after a SET). */
    public void recordSettings(BackendLease lease, SessionSettings settings) {
        appliedSettings.put(lease.connection(), settings);
    }

    private void apply(BackendLease lease, SessionSettings wanted) {
        SessionSettings current = appliedSettings.getOrDefault(lease.connection(), SessionSettings.EMPTY);
        if (current.equals(wanted)) {
            return;
        }
        for (String sql : wanted.restoreSql(!current.isEmpty())) {
            lease.run(sql, 0, List.of(), DiscardingSink.INSTANCE);
        }
        appliedSettings.put(lease.connection(), wanted);
    }

    void release(BackendLease lease) {
        Connection pooled = lease.pooled();
        try {
            if (!lease.isBroken() && lease.transactionStatus() != 'I') {
                lease.run("ROLLBACK", 0, List.of(), DiscardingSink.INSTANCE);
            }
        } catch (RuntimeException e) {
            LOG.debug("rollback on release failed; evicting connection", e);
            lease.markBroken();
        }
        if (lease.isBroken()) {
            appliedSettings.remove(lease.connection());
            dataSource.evictConnection(pooled);
            return;
        }
        try {
            pooled.close();
        } catch (SQLException e) {
            LOG.debug("returning a connection to the pool failed", e);
        }
    }

    public int active() {
        return dataSource.getHikariPoolMXBean() == null ? 0 : dataSource.getHikariPoolMXBean().getActiveConnections();
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
