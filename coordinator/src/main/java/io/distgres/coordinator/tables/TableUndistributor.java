package io.distgres.coordinator.tables;

import static java.util.Objects.requireNonNull;

import io.distgres.coordinator.backend.BackendErrors;
import io.distgres.coordinator.copy.CopyFormat;
import io.distgres.coordinator.copy.DistributedCopyOut;
import io.distgres.coordinator.ddl.DroppedTableCleaner;
import io.distgres.coordinator.error.PgError;
import io.distgres.coordinator.error.PgException;
import io.distgres.coordinator.execution.ShardRowReader;
import io.distgres.coordinator.metadata.CatalogReader;
import io.distgres.coordinator.metadata.CatalogSnapshot;
import io.distgres.coordinator.metadata.DistNode;
import io.distgres.coordinator.metadata.DistShard;
import io.distgres.coordinator.metadata.DistTable;
import io.distgres.coordinator.metadata.ShardPlacement;
import io.distgres.coordinator.schema.ColumnDefinition;
import io.distgres.coordinator.schema.ShardDdl;
import io.distgres.coordinator.schema.ShellGuard;
import io.distgres.coordinator.schema.TableDefinition;
import io.distgres.coordinator.schema.TableDefinitionReader;
import io.distgres.coordinator.worker.WorkerClients;
import io.distgres.planner.sql.SqlIdentifiers;
import io.distgres.sqlstate.SqlState;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a distributed or reference table back into a plain coordinator table (undistribute_table):
 * streams every shard's rows from one placement into the shell and deletes the table's catalog
 * rows in one coordinator transaction, then drops the shards on the workers.
 *
 * <p>The order is DROP TABLE's: until the commit the table is still distributed and untouched, so
 * a failure leaves it as it was; after it the table is local for every client, so a worker that
 * cannot drop its shards leaves only orphaned shard tables (a WARNING, safe to drop by hand).
 * The table's colocation group stays, as in Citus.
 */
public final class TableUndistributor {
    private static final Logger LOG = LoggerFactory.getLogger(TableUndistributor.class);
    private static final Duration DDL_TIMEOUT = Duration.ofMinutes(10);
    private static final long PROGRESS_EVERY_ROWS = 100_000;

    private final DataSource coordinatorDatabase;
    private final CatalogReader catalog;
    private final WorkerClients workers;
    private final ShardRowReader reader;
    private final TableDefinitionReader definitions = new TableDefinitionReader();

    public TableUndistributor(DataSource coordinatorDatabase, CatalogReader catalog, WorkerClients workers) {
        this.coordinatorDatabase = requireNonNull(coordinatorDatabase, "coordinatorDatabase is null");
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.workers = requireNonNull(workers, "workers is null");
        this.reader = new ShardRowReader(workers);
    }

    /**
     * undistribute_table: {@code relationId} becomes a local table holding all its rows.
     *
     * @param progress NOTICE-level progress messages
     * @param warnings shards that could not be dropped after the commit
     */
    public void undistribute(long relationId, Consumer<String> progress, Consumer<PgError> warnings)
            throws SQLException {
        DistTable table;
        CatalogSnapshot snapshot;
        try (Connection connection = coordinatorDatabase.getConnection()) {
            connection.setAutoCommit(false);
            try {
                TableDefinition shell = definitions.read(connection, relationId);
                lock(connection, shell);
                // read after the lock: a create_distributed_table that held it has committed by now
                snapshot = catalog.reload();
                table = snapshot.table(relationId).orElseThrow(() -> new PgException(SqlState.INVALID_TABLE_DEFINITION,
                        "cannot undistribute table because the table is not distributed"));
                progress.accept("moving the data of " + shell.name() + " from " + table.shards().size()
                        + " shard(s) into the coordinator");
                unguard(connection, relationId);
                long rows = copyRowsIntoShell(connection, shell, table, snapshot, progress);
                progress.accept("moved " + rows + " row(s) of " + shell.name() + " into the coordinator");
                DroppedTableCleaner.deleteCatalogRows(connection, List.of(table));
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
        reloadCatalog();
        dropShards(table, snapshot, progress, warnings);
    }

    private static void lock(Connection connection, TableDefinition shell) throws SQLException {
        try (var statement = connection.createStatement()) {
            // blocks DDL and other distgres functions on the table; router reads and writes go to
            // the shards directly and are not blocked (no distributed locks yet)
            statement.execute("LOCK TABLE " + SqlIdentifiers.qualified(shell.schema(), shell.name())
                    + " IN EXCLUSIVE MODE");
        }
    }

    private static void unguard(Connection connection, long relationId) throws SQLException {
        // the table is about to hold its rows again: the guard against reading an empty shell goes
        try (var guard = connection.prepareStatement(ShellGuard.UNGUARD.replace("$1", "?"))) {
            guard.setLong(1, relationId);
            guard.execute();
        }
    }

    private long copyRowsIntoShell(Connection connection, TableDefinition shell, DistTable table,
                                   CatalogSnapshot snapshot, Consumer<String> progress) throws SQLException {
        // generated columns cannot be copied into; the shell computes them again
        String columns = shell.columns().stream().filter(c -> !c.generated()).map(ColumnDefinition::name)
                .map(SqlIdentifiers::quote).collect(Collectors.joining(", "));
        CopyIn in = new CopyManager(connection.unwrap(BaseConnection.class)).copyIn("COPY "
                + SqlIdentifiers.qualified(shell.schema(), shell.name()) + " (" + columns + ") FROM STDIN");
        long[] rows = {0};
        try {
            for (DistShard shard : table.shards()) {
                DistNode node = ShardRowReader.placement(snapshot, shard);
                String select = "SELECT " + columns + " FROM "
                        + SqlIdentifiers.qualified(shell.schema(), ShardDdl.shardName(shell.name(), shard.shardId()));
                reader.read(node, select, row -> {
                    byte[] line = DistributedCopyOut.encode(row, CopyFormat.TEXT);
                    try {
                        in.writeToCopy(line, 0, line.length);
                    } catch (SQLException e) {
                        throw BackendErrors.toPgException(e);
                    }
                    if (++rows[0] % PROGRESS_EVERY_ROWS == 0) {
                        progress.accept("moving the data of " + shell.name() + ": " + rows[0]);
                    }
                });
            }
            in.endCopy();
            return rows[0];
        } catch (SQLException | RuntimeException e) {
            if (in.isActive()) {
                in.cancelCopy();
            }
            throw e;
        }
    }

    private void dropShards(DistTable table, CatalogSnapshot snapshot, Consumer<String> progress,
                            Consumer<PgError> warnings) {
        Map<DistNode, List<String>> drops = new LinkedHashMap<>();
        for (DistShard shard : table.shards()) {
            for (ShardPlacement placement : shard.placements()) {
                snapshot.node(placement.nodeId()).ifPresent(node -> drops.computeIfAbsent(node, n -> new ArrayList<>())
                        .add("DROP TABLE IF EXISTS " + SqlIdentifiers.qualified(table.schemaName(),
                                ShardDdl.shardName(table.tableName(), shard.shardId()))));
            }
        }
        for (Map.Entry<DistNode, List<String>> entry : drops.entrySet()) {
            try {
                workers.forNode(entry.getKey()).executeScript(entry.getValue(), DDL_TIMEOUT);
            } catch (RuntimeException e) {
                LOG.warn("could not drop shards of {} on {}: {}", table.tableName(), entry.getKey().name(),
                        e.getMessage());
                warnings.accept(new PgError("WARNING", SqlState.WARNING, "could not drop the shards of "
                        + table.tableName()
                        + " on " + entry.getKey().name() + ": " + e.getMessage(),
                        "The table is undistributed; its shard tables on that worker are orphaned.",
                        "Drop them on the worker by hand.", 0, null, null, null, null, null, null));
            }
        }
        progress.accept("dropped the shards of " + table.tableName() + " on " + drops.size() + " worker(s)");
    }

    private void reloadCatalog() {
        try {
            catalog.reload();
        } catch (SQLException e) {
            // the next reload picks the change up; the undistribution itself has committed
            LOG.warn("could not reload the catalog after undistribute_table: {}", e.getMessage());
        }
    }
}
