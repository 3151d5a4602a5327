package io.distgres.coordinator;

import static java.util.Objects.requireNonNull;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.distgres.coordinator.backend.BackendPool;
import io.distgres.coordinator.config.CoordinatorConfig;
import io.distgres.coordinator.copy.DistributedCopy;
import io.distgres.coordinator.ddl.DdlPropagator;
import io.distgres.coordinator.ddl.DroppedTableCleaner;
import io.distgres.coordinator.ddl.PrivilegePropagator;
import io.distgres.coordinator.ddl.RoleSynchronizer;
import io.distgres.coordinator.ddl.ShardDdlApplier;
import io.distgres.coordinator.error.PgException;
import io.distgres.coordinator.execution.WorkerTasks;
import io.distgres.coordinator.explain.DistributedExplain;
import io.distgres.coordinator.metadata.CatalogMigrator;
import io.distgres.coordinator.metadata.CatalogReader;
import io.distgres.coordinator.metadata.CatalogScripts;
import io.distgres.coordinator.metadata.DdlEpoch;
import io.distgres.coordinator.metadata.DdlListener;
import io.distgres.coordinator.metadata.NodeRegistry;
import io.distgres.coordinator.pgwire.server.PgWireServer;
import io.distgres.coordinator.pgwire.types.BinaryFormatCodec;
import io.distgres.coordinator.pgwire.types.PgTypeException;
import io.distgres.coordinator.pgwire.types.ResultFormatEncoder;
import io.distgres.coordinator.routing.StatementRouter;
import io.distgres.coordinator.routing.TableNameResolver;
import io.distgres.coordinator.session.ClientSessions;
import io.distgres.coordinator.session.DistributedStatementExecutor;
import io.distgres.coordinator.session.route.StatementRouteDecider;
import io.distgres.coordinator.tables.DistgresFunctions;
import io.distgres.coordinator.tables.DistributedTableCreator;
import io.distgres.coordinator.tables.TableUndistributor;
import io.distgres.coordinator.transaction.TransactionManager;
import io.distgres.coordinator.worker.WorkerClients;
import io.distgres.planner.classify.StatementClassifier;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;

/**
 * The coordinator process: the PostgreSQL front door, its sessions and the pools behind them.
 * {@link #start()} returns once clients are accepted; {@link #close()} stops everything it started.
 */
public final class CoordinatorServer implements AutoCloseable {
    /** How often prepared transactions left behind by crashes or lost workers are settled. */
    private static final Duration TRANSACTION_RECOVERY_INTERVAL = Duration.ofSeconds(5);

    private final CoordinatorConfig config;
    private final DdlEpoch ddlEpoch = new DdlEpoch();
    private DdlListener ddlListener;
    private HikariDataSource metadataPool;
    private CatalogReader catalog;
    private BackendPool coordinatorPool;
    private PgWireServer wireServer;
    private WorkerClients workerClients;
    private TransactionManager transactions;

    public CoordinatorServer(CoordinatorConfig config) {
        this.config = requireNonNull(config, "config is null");
    }

    /**
     * Brings the catalog up to date, registers the configured workers, then starts listening;
     * returns when the front door accepts connections.
     */
    public void start() throws Exception {
        try {
            startCatalog();
        } catch (Exception e) {
            close();
            throw e;
        }
        // after the migration: its database-level search_path applies to connections opened from here on
        coordinatorPool = new BackendPool("coordinator-db", config.databaseUrl(), config.databaseUser(),
                config.databasePassword(), config.poolSize(), config.poolTimeoutMillis());
        BinaryFormatCodec codec = new BinaryFormatCodec();
        ResultFormatEncoder binary = (oid, text) -> {
            try {
                return codec.toBinary(oid, text);
            } catch (PgTypeException e) {
                throw new PgException(e.sqlState(), e.getMessage());
            }
        };
        workerClients = new WorkerClients();
        // worker tasks run as the client's role: the workers must know every role the coordinator knows
        new RoleSynchronizer(metadataPool, workerClients).synchronize(catalog.snapshot());
        transactions = new TransactionManager(metadataPool, catalog, workerClients, TRANSACTION_RECOVERY_INTERVAL);
        DistributedCopy distributedCopy = new DistributedCopy(workerClients);
        DistgresFunctions functions = new DistgresFunctions(
                new DistributedTableCreator(metadataPool, catalog, workerClients),
                new TableUndistributor(metadataPool, catalog, workerClients), catalog, workerClients, transactions);
        WorkerTasks workerTasks = new WorkerTasks(workerClients);
        StatementRouter router = new StatementRouter(workerTasks, distributedCopy, new TableNameResolver(ddlEpoch),
                ddlEpoch, 1_000_000);
        ClientSessions sessions = new ClientSessions(coordinatorPool,
                new StatementRouteDecider(catalog::snapshot, new StatementClassifier()), binary,
                databaseName(config.databaseUrl()), functions,
                new DistributedStatementExecutor(distributedCopy, ddlPropagator(), router,
                        new DistributedExplain(router, workerTasks), new PrivilegePropagator(workerTasks)), transactions,
                ddlEpoch);
        wireServer = new PgWireServer(sessions, config.listenHost(), config.port(), config.maxMessageBytes(),
                config.maxClientConnections());
        try {
            wireServer.start();
        } catch (Exception e) {
            close();
            throw e;
        }
    }

    private DdlPropagator ddlPropagator() {
        ShardDdlApplier applier = new ShardDdlApplier(workerClients, Duration.ofMinutes(10));
        return new DdlPropagator(applier, new DroppedTableCleaner(metadataPool, catalog, applier));
    }

    private void startCatalog() throws Exception {
        metadataPool = metadataPool(config);
        new CatalogMigrator(metadataPool, CatalogScripts.fromClasspath()).migrate();
        new NodeRegistry(metadataPool).register(config.workers());
        catalog = new CatalogReader(metadataPool);
        catalog.reload();
        ddlListener = new DdlListener(this::listenerConnection, ddlEpoch);
        ddlListener.start();
    }

    /** A connection of the DDL listener's own: it is held for as long as it lives, outside any pool. */
    private Connection listenerConnection() {
        try {
            Properties properties = new Properties();
            properties.setProperty("user", config.databaseUser());
            if (config.databasePassword() != null) {
                properties.setProperty("password", config.databasePassword());
            }
            properties.setProperty("ApplicationName", "distgres ddl listener");
            return DriverManager.getConnection(config.databaseUrl(), properties);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** A small pool of its own for catalog reads and writes, so they never wait behind client sessions. */
    private static HikariDataSource metadataPool(CoordinatorConfig config) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("coordinator-metadata");
        hikari.setJdbcUrl(config.databaseUrl());
        hikari.setUsername(config.databaseUser());
        hikari.setPassword(config.databasePassword());
        hikari.setMaximumPoolSize(2);
        hikari.setMinimumIdle(0);
        hikari.setConnectionTimeout(Math.max(250, config.poolTimeoutMillis()));
        hikari.addDataSourceProperty("ApplicationName", "distgres metadata");
        return new HikariDataSource(hikari);
    }

    /** The catalog as last loaded; call {@link CatalogReader#reload()} after changing it. */
    public CatalogReader catalog() {
        if (catalog == null) {
            throw new IllegalStateException("the coordinator is not started");
        }
        return catalog;
    }

    /** The distributed transactions' manager (recovery, and the two-phase commit hook tests install). */
    public TransactionManager transactions() {
        if (transactions == null) {
            throw new IllegalStateException("the coordinator is not started");
        }
        return transactions;
    }

    /** The port actually bound (differs from the config when it asked for port 0). */
    public int port() {
        return wireServer == null ? config.port() : wireServer.port();
    }

    @Override
    public void close() {
        if (wireServer != null) {
            wireServer.close();
        }
        if (transactions != null) {
            transactions.close();
        }
        if (coordinatorPool != null) {
            coordinatorPool.close();
        }
        if (workerClients != null) {
            workerClients.close();
        }
        if (ddlListener != null) {
            ddlListener.close();
        }
        if (metadataPool != null) {
            metadataPool.close();
        }
    }

    /** The database named in a {@code jdbc:postgresql://host:port/db?...} URL: the one clients connect to. */
    static String databaseName(String jdbcUrl) {
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        String path = uri.getPath();
        return path == null || path.length() <= 1 ? "postgres" : path.substring(1);
    }
}
