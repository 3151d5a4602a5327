package io.distgres.worker;

import static java.util.Objects.requireNonNull;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import org.postgresql.Driver;

/**
 * The HikariCP pool towards the one PostgreSQL server an agent fronts, configured so that
 * pgjdbc hands back PostgreSQL's own text output.
 */
final class PostgresPool implements AutoCloseable {
    private final HikariDataSource dataSource;
    private final String host;
    private final int port;

    PostgresPool(WorkerAgentConfig config) {
        requireNonNull(config, "config is null");
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("distgres-worker-" + config.port());
        hikari.setDriverClassName(Driver.class.getName());
        hikari.setJdbcUrl(config.jdbcUrl());
        hikari.setUsername(config.user());
        hikari.setPassword(config.password());
        hikari.setMaximumPoolSize(config.poolSize());
        hikari.setConnectionTimeout(config.poolTimeout().toMillis());
        hikari.setValidationTimeout(Math.min(1000, config.poolTimeout().toMillis()));
        // start even when PostgreSQL is not up yet: Health reports it, tasks fail with 08xxx
        hikari.setInitializationFailTimeout(-1);
        // text mode everywhere: cells must be exactly PostgreSQL's text output (bytea as \x..)
        hikari.addDataSourceProperty("binaryTransfer", "false");
        // parameters are sent untyped so PostgreSQL infers their types as for a bare $n
        hikari.addDataSourceProperty("stringtype", "unspecified");
        hikari.addDataSourceProperty("ApplicationName", "distgres-worker");
        hikari.addDataSourceProperty("connectTimeout", "5");
        hikari.addDataSourceProperty("tcpKeepAlive", "true");
        this.dataSource = new HikariDataSource(hikari);

        Properties parsed = Driver.parseURL(config.jdbcUrl(), null);
        this.host = parsed == null ? "" : parsed.getProperty("PGHOST", "localhost").split(",")[0];
        this.port = parsed == null ? 0 : Integer.parseInt(parsed.getProperty("PGPORT", "5432").split(",")[0]);
    }

    Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    /** Drops a connection whose backend state is unknown (e.g. a cancel may still be in flight). */
    void evict(Connection connection) {
        dataSource.evictConnection(connection);
    }

    String host() {
        return host;
    }

    int port() {
        return port;
    }

    int active() {
        HikariPoolMXBean bean = dataSource.getHikariPoolMXBean();
        return bean == null ? 0 : bean.getActiveConnections();
    }

    int idle() {
        HikariPoolMXBean bean = dataSource.getHikariPoolMXBean();
        return bean == null ? 0 : bean.getIdleConnections();
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
