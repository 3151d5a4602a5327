package io.distgres.coordinator.metadata;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the distgres catalog into immutable {@link CatalogSnapshot}s and keeps the latest one.
 * Whoever changes the catalog calls {@link #reload()}; readers take {@link #snapshot()}, which
 * never touches the database.
 */
public final class CatalogReader {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogReader.class);

    private final DataSource dataSource;
    private volatile CatalogSnapshot snapshot = CatalogSnapshot.EMPTY;

    public CatalogReader(DataSource dataSource) {
        this.dataSource = requireNonNull(dataSource, "dataSource is null");
    }

    /** The snapshot of the last {@link #reload()} (empty before the first). */
    public CatalogSnapshot snapshot() {
        return snapshot;
    }

    /** Reads the whole catalog in one repeatable-read transaction and makes it the current snapshot. */
    public CatalogSnapshot reload() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            connection.setReadOnly(true);
            try {
                CatalogSnapshot read = new CatalogSnapshot(readNodes(connection), readTables(connection));
                connection.commit();
                snapshot = read;
                return read;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setReadOnly(false);
                connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
                connection.setAutoCommit(true);
            }
        }
    }

    static List<DistNode> readNodes(Connection connection) throws SQLException {
        List<DistNode> nodes = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("""
                        SELECT nodeid, name, host, port, agent_host, agent_port, role, primary_id, state
                          FROM distgres.dist_node ORDER BY nodeid""")) {
            while (rs.next()) {
                int primary = rs.getInt(8);
                OptionalInt primaryId = rs.wasNull() ? OptionalInt.empty() : OptionalInt.of(primary);
                nodes.add(new DistNode(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                        rs.getString(5), rs.getInt(6), DistNode.Role.fromSql(rs.getString(7)), primaryId,
                        DistNode.State.fromSql(rs.getString(9))));
            }
        }
        return nodes;
    }

    private static List<DistTable> readTables(Connection connection) throws SQLException {
        Map<Long, List<DistShard>> shardsByTable = readShards(connection, readPlacements(connection));
        List<DistTable> tables = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("""
                        SELECT t.logicalrelid::oid, n.nspname, c.relname, t.kind, t.distribution_column,
                               t.colocation_id, t.shard_count
                          FROM distgres.dist_table t
                          LEFT JOIN pg_catalog.pg_class c ON c.oid = t.logicalrelid
                          LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                         ORDER BY t.logicalrelid::oid""")) {
            while (rs.next()) {
                long relationId = rs.getLong(1);
                if (rs.getString(3) == null) {
                    // regclass holds no dependency: the shell table was dropped behind distgres's back
                    LOG.warn("distgres.dist_table names relation {} which no longer exists; ignoring it", relationId);
                    continue;
                }
                tables.add(new DistTable(relationId, rs.getString(2), rs.getString(3),
                        DistTable.Kind.fromSql(rs.getString(4)), Optional.ofNullable(rs.getString(5)),
                        rs.getInt(6), rs.getInt(7), shardsByTable.getOrDefault(relationId, List.of())));
            }
        }
        return tables;
    }

    private static Map<Long, List<DistShard>> readShards(Connection connection,
            Map<Long, List<ShardPlacement>> placementsByShard) throws SQLException {
        Map<Long, List<DistShard>> shards = new HashMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("""
                        SELECT shardid, logicalrelid::oid, hash_min, hash_max
                          FROM distgres.dist_shard ORDER BY logicalrelid::oid, hash_min NULLS FIRST, shardid""")) {
            while (rs.next()) {
                long shardId = rs.getLong(1);
                long relationId = rs.getLong(2);
                int min = rs.getInt(3);
                Optional<DistShard.HashRange> range = rs.wasNull()
                        ? Optional.empty() : Optional.of(new DistShard.HashRange(min, rs.getInt(4)));
                shards.computeIfAbsent(relationId, k -> new ArrayList<>()).add(new DistShard(shardId, relationId,
                        range, placementsByShard.getOrDefault(shardId, List.of())));
            }
        }
        return shards;
    }

    private static Map<Long, List<ShardPlacement>> readPlacements(Connection connection) throws SQLException {
        Map<Long, List<ShardPlacement>> placements = new HashMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("""
                        SELECT placementid, shardid, nodeid, state
                          FROM distgres.dist_placement ORDER BY shardid, nodeid""")) {
            while (rs.next()) {
                ShardPlacement placement = new ShardPlacement(rs.getLong(1), rs.getLong(2), rs.getInt(3),
                        ShardPlacement.State.fromSql(rs.getString(4)));
                placements.computeIfAbsent(placement.shardId(), k -> new ArrayList<>()).add(placement);
            }
        }
        return placements;
    }
}
