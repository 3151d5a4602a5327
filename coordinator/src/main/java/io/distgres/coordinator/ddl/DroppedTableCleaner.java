package io.distgres.coordinator.ddl;

import static java.util.Objects.requireNonNull;

import io.distgres.coordinator.backend.BackendErrors;
import io.distgres.coordinator.backend.BackendLease;
import io.distgres.coordinator.backend.DiscardingSink;
import io.distgres.coordinator.error.PgError;
import io.distgres.coordinator.execution.DistributedStatement;
import io.distgres.coordinator.metadata.CatalogReader;
import io.distgres.coordinator.metadata.DistNode;
import io.distgres.coordinator.metadata.DistTable;
import io.distgres.sqlstate.SqlState;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs DROP TABLE over distributed tables: drops the shells (and any local tables the statement
 * names) and removes their catalog rows, then drops their shards on the workers.
 *
 * <p>The order is Citus's: once the shell and the catalog rows are gone the table is gone for
 * every client, so a worker that fails to drop its shards leaves only orphaned shard tables
 * (reported as a WARNING, safe to drop by hand) — never a table whose shards are partly missing.
 */
public final class DroppedTableCleaner {
    private static final Logger LOG = LoggerFactory.getLogger(DroppedTableCleaner.class);

    private final DataSource metadata;
    private final CatalogReader catalog;
    private final ShardDdlApplier applier;

    public DroppedTableCleaner(DataSource metadata, CatalogReader catalog, ShardDdlApplier applier) {
        this.metadata = requireNonNull(metadata, "metadata is null");
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.applier = requireNonNull(applier, "applier is null");
    }

    /** @param dropShards per worker, DROP TABLE statements for the shards it holds */
    void drop(DistributedStatement statement, BackendLease lease, List<DistTable> tables,
              Map<DistNode, List<String>> dropShards) {
        CommandTagSink tag = new CommandTagSink(statement.sink());
        // the catalog rows go through distgres's own connection: the session's user may not write schema distgres
        try (Connection connection = metadata.getConnection()) {
            connection.setAutoCommit(false);
            try {
                lease.run("BEGIN", 0, List.of(), DiscardingSink.INSTANCE);
                try {
                    lease.run(statement.statement().text(), statement.parameterCount(), statement.parameters(), tag);
                    deleteCatalogRows(connection, tables);
                    lease.run("COMMIT", 0, List.of(), DiscardingSink.INSTANCE);
                } catch (RuntimeException | SQLException e) {
                    rollback(lease);
                    throw e;
                }
                // after the shell's commit: if this failed, the rows would name a dropped OID, which the reader skips
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw BackendErrors.toPgException(e);
        }
        reloadCatalog();
        for (Map.Entry<DistNode, List<String>> entry : dropShards.entrySet()) {
            try {
                // as distgres's own user: the drop is committed and authorized; shards must not be orphaned
                applier.runScript(entry.getKey(), entry.getValue(), null);
            } catch (RuntimeException e) {
                LOG.warn("could not drop shards of {} on {}: {}", DdlPropagator.describe(tables),
                        entry.getKey().name(), e.getMessage());
                statement.sink().notice(new PgError("WARNING", SqlState.WARNING, "could not drop the shards of "
                        + DdlPropagator.describe(tables) + " on " + entry.getKey().name() + ": " + e.getMessage(),
                        "The table is dropped; its shard tables on that worker are orphaned.",
                        "Drop them on the worker by hand.", 0, null, null, null, null, null, null));
            }
        }
        statement.sink().complete(tag.tag());
    }

    public static void deleteCatalogRows(Connection connection, List<DistTable> tables) throws SQLException {
        Long[] ids = tables.stream().map(DistTable::relationId).toArray(Long[]::new);
        Array array = connection.createArrayOf("bigint", ids);
        // dist_shard and dist_placement rows go with ON DELETE CASCADE
        try (PreparedStatement ps = connection.prepareStatement(
                "DELETE FROM distgres.dist_table WHERE logicalrelid::oid::bigint = ANY (?)")) {
            ps.setArray(1, array);
            ps.executeUpdate();
        }
    }

    private void reloadCatalog() {
        try {
            catalog.reload();
        } catch (SQLException e) {
            // the next reload picks the change up; the drop itself has committed
            LOG.warn("could not reload the catalog after DROP TABLE: {}", e.getMessage());
        }
    }

    private static void rollback(BackendLease lease) {
        try {
            lease.run("ROLLBACK", 0, List.of(), DiscardingSink.INSTANCE);
        } catch (RuntimeException e) {
            LOG.warn("could not roll back DROP TABLE on the coordinator: {}", e.getMessage());
        }
    }
}
