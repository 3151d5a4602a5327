package io.distgres.coordinator.tables;

import static java.util.Objects.requireNonNull;

import io.distgres.coordinator.error.PgError;
import io.distgres.coordinator.error.PgException;
import io.distgres.coordinator.metadata.CatalogReader;
import io.distgres.coordinator.metadata.CatalogSnapshot;
import io.distgres.coordinator.metadata.DistNode;
import io.distgres.coordinator.metadata.DistShard;
import io.distgres.coordinator.metadata.DistTable;
import io.distgres.coordinator.schema.ColumnDefinition;
import io.distgres.coordinator.schema.ShardDdl;
import io.distgres.coordinator.schema.ShellGuard;
import io.distgres.coordinator.schema.TableDefinition;
import io.distgres.coordinator.schema.TableDefinitionReader;
import io.distgres.coordinator.schema.TablePrivileges;
import io.distgres.coordinator.worker.WorkerClients;
import io.distgres.coordinator.worker.WorkerTaskException;
import io.distgres.planner.hashing.DistributionType;
import io.distgres.planner.hashing.HashRange;
import io.distgres.planner.hashing.HashingException;
import io.distgres.planner.hashing.ShardRanges;
import io.distgres.planner.sql.SqlIdentifiers;
import io.distgres.sqlstate.SqlState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a coordinator table into a distributed or reference table: creates its shards on the
 * workers, moves its rows into them, records the catalog and empties the shell — all under a lock
 * on the table, with the shards dropped again if any step fails, so the table is either fully
 * distributed or left as it was.
 */
public final class DistributedTableCreator {
    private static final Logger LOG = LoggerFactory.getLogger(DistributedTableCreator.class);
    private static final Duration DDL_TIMEOUT = Duration.ofMinutes(10);

    private final DataSource coordinatorDatabase;
    private final CatalogReader catalog;
    private final WorkerClients workers;
    private final TableDefinitionReader definitions = new TableDefinitionReader();

    public DistributedTableCreator(DataSource coordinatorDatabase, CatalogReader catalog, WorkerClients workers) {
        this.coordinatorDatabase = requireNonNull(coordinatorDatabase, "coordinatorDatabase is null");
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.workers = requireNonNull(workers, "workers is null");
    }

    /** The type OID of {@code column} of table {@code relationId}. */
    public int columnType(long relationId, String column) {
        try (Connection connection = coordinatorDatabase.getConnection();
             PreparedStatement ps = connection.prepareStatement("SELECT atttypid FROM pg_catalog.pg_attribute"
                     + " WHERE attrelid = ? AND attname = ? AND attnum > 0 AND NOT attisdropped")) {
            ps.setLong(1, relationId);
            ps.setString(2, column);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new PgException(SqlState.UNDEFINED_COLUMN, "column \"" + column + "\" does not exist");
                }
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw io.distgres.coordinator.backend.BackendErrors.toPgException(e);
        }
    }

    /** create_distributed_table: hash-distributes {@code relationId} by {@code column}. */
    public synchronized void createDistributed(long relationId, String column, String colocateWith, int shardCount,
                                               Consumer<String> progress) throws SQLException {
        if (shardCount < 1 || shardCount > ShardRanges.MAX_SHARD_COUNT) {
            throw new PgException(SqlState.INVALID_PARAMETER_VALUE,
                    "shard_count must be between 1 and " + ShardRanges.MAX_SHARD_COUNT);
        }
        CatalogSnapshot snapshot = catalog.reload();
        try (Connection connection = coordinatorDatabase.getConnection()) {
            connection.setAutoCommit(false);
            try {
                TableDefinition table = lockAndRead(connection, snapshot, relationId);
                ColumnDefinition distributionColumn = table.column(column).orElseThrow(() -> new PgException(
                        SqlState.UNDEFINED_COLUMN, "column \"" + column + "\" of relation \"" + table.name()
                                + "\" does not exist"));
                DistributionType type = distributionType(distributionColumn);
                requireKeyIncludes(table, column);
                Colocation colocation = colocation(connection, snapshot, colocateWith, type, shardCount);
                List<DistNode> nodes = activePrimaries(snapshot);
                List<HashRange> ranges = ShardRanges.split(colocation.shardCount());
                List<PlannedShard> shards = new ArrayList<>();
                for (int i = 0; i < ranges.size(); i++) {
                    DistNode node = colocation.placements().isEmpty() ? nodes.get(i % nodes.size())
                            : colocation.placements().get(i);
                    shards.add(new PlannedShard(nextShardId(connection), ranges.get(i), List.of(node)));
                }
                materialize(connection, table, shards, new ShardRowRouter.Hash(table.columns(), column, type, shards),
                        progress);
                recordHash(connection, relationId, column, type, colocation, shards);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
        catalog.reload();
    }

    /** create_reference_table: one shard with a placement on every active worker. */
    public synchronized void createReference(long relationId, Consumer<String> progress) throws SQLException {
        CatalogSnapshot snapshot = catalog.reload();
        try (Connection connection = coordinatorDatabase.getConnection()) {
            connection.setAutoCommit(false);
            try {
                TableDefinition table = lockAndRead(connection, snapshot, relationId);
                List<DistNode> nodes = activePrimaries(snapshot);
                PlannedShard shard = new PlannedShard(nextShardId(connection), null, nodes);
                materialize(connection, table, List.of(shard), new ShardRowRouter.Single(table.columns()), progress);
                recordReference(connection, relationId, shard);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
        catalog.reload();
    }

    private TableDefinition lockAndRead(Connection connection, CatalogSnapshot snapshot, long relationId)
            throws SQLException {
        if (snapshot.table(relationId).isPresent()) {
            DistTable existing = snapshot.table(relationId).get();
            throw new PgException(SqlState.INVALID_TABLE_DEFINITION, "table \"" + existing.tableName()
                    + "\" is already distributed");
        }
        TableDefinition table = definitions.read(connection, relationId);
        try (var statement = connection.createStatement()) {
            // readers go on; writers wait until the rows are in the shards and the shell is empty
            statement.execute("LOCK TABLE " + SqlIdentifiers.qualified(table.schema(), table.name())
                    + " IN EXCLUSIVE MODE");
        }
        return table;
    }

    private static DistributionType distributionType(ColumnDefinition column) {
        try {
            return DistributionType.forOid(column.typeOid());
        } catch (HashingException e) {
            throw new PgException(e.sqlState(), "cannot distribute by column \"" + column.name() + "\" of type "
                    + column.type() + ": " + e.getMessage());
        }
    }

    private static void requireKeyIncludes(TableDefinition table, String column) {
        for (TableDefinition.ConstraintDefinition constraint : table.constraints()) {
            boolean unique = constraint.kind() == 'p' || constraint.kind() == 'u' || constraint.kind() == 'x';
            if (unique && !constraint.columns().contains(column)) {
                throw new PgException(new PgError("ERROR", SqlState.FEATURE_NOT_SUPPORTED,
                        "cannot create constraint on \"" + table.name() + "\"",
                        "Distributed relations cannot have UNIQUE, EXCLUDE, or PRIMARY KEY constraints that do not"
                                + " include the partition column (with an equality operator if EXCLUDE).",
                        null, 0, null, null, null, null, null, constraint.name()));
            }
        }
    }

    private static List<DistNode> activePrimaries(CatalogSnapshot snapshot) {
        List<DistNode> nodes = snapshot.nodes().stream()
                .filter(n -> n.isActive() && n.role() == DistNode.Role.PRIMARY)
                .sorted(Comparator.comparingInt(DistNode::nodeId))
                .toList();
        if (nodes.isEmpty()) {
            throw new PgException(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE,
                    "there are no active worker nodes to place shards on");
        }
        return nodes;
    }

    private Colocation colocation(Connection connection, CatalogSnapshot snapshot, String colocateWith,
                                  DistributionType type, int shardCount) throws SQLException {
        if ("none".equalsIgnoreCase(colocateWith)) {
            return new Colocation(0, shardCount, List.of());
        }
        if ("default".equalsIgnoreCase(colocateWith)) {
            try (PreparedStatement ps = connection.prepareStatement("SELECT colocation_id FROM distgres.dist_colocation"
                    + " WHERE shard_count = ? AND distribution_type = ?::oid::regtype ORDER BY colocation_id LIMIT 1")) {
                ps.setInt(1, shardCount);
                ps.setInt(2, type.oid());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return new Colocation(0, shardCount, List.of());
                    }
                    int id = rs.getInt(1);
                    return new Colocation(id, shardCount, placementsOf(snapshot, id));
                }
            }
        }
        long relationId;
        try (PreparedStatement ps = connection.prepareStatement("SELECT distgres.relation_id(?)")) {
            ps.setString(1, colocateWith);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                relationId = rs.getLong(1);
            }
        }
        DistTable other = snapshot.table(relationId).filter(t -> t.kind() == DistTable.Kind.HASH)
                .orElseThrow(() -> new PgException(SqlState.INVALID_PARAMETER_VALUE,
                        "cannot colocate with \"" + colocateWith + "\": it is not a hash-distributed table"));
        int otherType = distributionTypeOf(connection, other.colocationId());
        if (otherType != type.oid()) {
            throw new PgException(SqlState.INVALID_PARAMETER_VALUE, "cannot colocate tables "
                    + other.tableName() + " and the new table: distribution column types don't match");
        }
        return new Colocation(other.colocationId(), other.shardCount(), placementsOf(snapshot, other.colocationId()));
    }

    private static int distributionTypeOf(Connection connection, int colocationId) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT distribution_type::oid FROM distgres.dist_colocation WHERE colocation_id = ?")) {
            ps.setInt(1, colocationId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }

    /** Where each shard of the group's tables lives, by shard index; empty when the group has no table left. */
    private static List<DistNode> placementsOf(CatalogSnapshot snapshot, int colocationId) {
        return snapshot.tables().stream().filter(t -> t.colocationId() == colocationId).findFirst()
                .map(t -> t.shards().stream()
                        .map(s -> snapshot.node(s.placements().get(0).nodeId()).orElseThrow())
                        .toList())
                .orElse(List.of());
    }

    private static long nextShardId(Connection connection) throws SQLException {
        try (var statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT nextval('distgres.dist_shard_id_seq')")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Creates the shards on their workers and copies the shell's rows into them; undoes the shards on failure. */
    private void materialize(Connection connection, TableDefinition table, List<PlannedShard> shards,
                             ShardRowRouter router, Consumer<String> progress) throws SQLException {
        Map<DistNode, List<String>> ddl = new LinkedHashMap<>();
        // the shards get the table's owner and privileges: tasks run as the client's role
        TablePrivileges privileges = TablePrivileges.read(connection, table.schema(), table.name());
        for (PlannedShard shard : shards) {
            String shardName = SqlIdentifiers.qualified(table.schema(), ShardDdl.shardName(table.name(), shard.shardId()));
            for (DistNode node : shard.nodes()) {
                List<String> script = ddl.computeIfAbsent(node, n -> new ArrayList<>());
                script.addAll(ShardDdl.createShard(table, shard.shardId()));
                script.addAll(privileges.applyTo(shardName));
            }
        }
        List<DistNode> created = new ArrayList<>();
        try {
            for (Map.Entry<DistNode, List<String>> entry : ddl.entrySet()) {
                workers.forNode(entry.getKey()).executeScript(entry.getValue(), DDL_TIMEOUT);
                created.add(entry.getKey());
            }
            progress.accept("created " + shards.size() + " shard(s) of " + table.name() + " on "
                    + ddl.size() + " worker(s)");
            long rows = new ShardLoader(connection, workers).load(table, shards, router, progress);
            progress.accept("moved " + rows + " row(s) of " + table.name() + " into its shards");
        } catch (WorkerTaskException e) {
            dropShards(table, shards, created);
            throw new PgException(new PgError("ERROR", e.sqlState(), e.pgMessage(), e.detail(), e.hint(), 0,
                    null, null, null, null, null, null));
        } catch (SQLException | RuntimeException e) {
            dropShards(table, shards, created);
            throw e;
        }
    }

    private void dropShards(TableDefinition table, List<PlannedShard> shards, List<DistNode> nodes) {
        for (DistNode node : nodes) {
            List<String> drops = shards.stream().filter(s -> s.nodes().contains(node))
                    .map(s -> "DROP TABLE IF EXISTS "
                            + SqlIdentifiers.qualified(table.schema(), ShardDdl.shardName(table.name(), s.shardId())))
                    .toList();
            try {
                workers.forNode(node).executeScript(drops, DDL_TIMEOUT);
            } catch (RuntimeException e) {
                LOG.warn("could not drop shards of {} on {} after a failed distribution: {}", table.name(),
                        node.name(), e.getMessage());
            }
        }
    }

    private static void recordHash(Connection connection, long relationId, String column, DistributionType type,
                                   Colocation colocation, List<PlannedShard> shards) throws SQLException {
        int colocationId = colocation.id();
        if (colocationId == 0) {
            colocationId = newColocation(connection, colocation.shardCount(), type.oid());
        }
        recordTable(connection, relationId, "hash", column, colocationId, shards.size());
        recordShards(connection, relationId, shards);
        truncateShell(connection, relationId);
    }

    private static void recordReference(Connection connection, long relationId, PlannedShard shard)
            throws SQLException {
        int colocationId;
        try (var statement = connection.createStatement(); ResultSet rs = statement.executeQuery(
                "SELECT colocation_id FROM distgres.dist_colocation WHERE distribution_type IS NULL"
                        + " AND shard_count = 1 ORDER BY colocation_id LIMIT 1")) {
            colocationId = rs.next() ? rs.getInt(1) : newColocation(connection, 1, 0);
        }
        recordTable(connection, relationId, "reference", null, colocationId, 1);
        recordShards(connection, relationId, List.of(shard));
        truncateShell(connection, relationId);
    }

    private static int newColocation(Connection connection, int shardCount, int typeOid) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO distgres.dist_colocation"
                + " (shard_count, distribution_type) VALUES (?, NULLIF(?, 0)::oid::regtype) RETURNING colocation_id")) {
            ps.setInt(1, shardCount);
            ps.setInt(2, typeOid);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static void recordTable(Connection connection, long relationId, String kind, String column,
                                    int colocationId, int shardCount) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO distgres.dist_table"
                + " (logicalrelid, kind, distribution_column, colocation_id, shard_count)"
                + " VALUES (?::oid::regclass, ?, ?, ?, ?)")) {
            ps.setLong(1, relationId);
            ps.setString(2, kind);
            ps.setString(3, column);
            ps.setInt(4, colocationId);
            ps.setInt(5, shardCount);
            ps.executeUpdate();
        }
    }

    private static void recordShards(Connection connection, long relationId, List<PlannedShard> shards)
            throws SQLException {
        try (PreparedStatement shard = connection.prepareStatement("INSERT INTO distgres.dist_shard"
                + " (shardid, logicalrelid, hash_min, hash_max) VALUES (?, ?::oid::regclass, ?, ?)");
             PreparedStatement placement = connection.prepareStatement(
                     "INSERT INTO distgres.dist_placement (shardid, nodeid) VALUES (?, ?)")) {
            for (PlannedShard s : shards) {
                shard.setLong(1, s.shardId());
                shard.setLong(2, relationId);
                if (s.range() == null) {
                    shard.setNull(3, java.sql.Types.INTEGER);
                    shard.setNull(4, java.sql.Types.INTEGER);
                } else {
                    shard.setInt(3, s.range().min());
                    shard.setInt(4, s.range().max());
                }
                shard.addBatch();
                for (DistNode node : s.nodes()) {
                    placement.setLong(1, s.shardId());
                    placement.setInt(2, node.nodeId());
                    placement.addBatch();
                }
            }
            shard.executeBatch();
            placement.executeBatch();
        }
    }

    private static void truncateShell(Connection connection, long relationId) throws SQLException {
        String name;
        try (PreparedStatement ps = connection.prepareStatement("SELECT ?::oid::regclass::text")) {
            ps.setLong(1, relationId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                name = rs.getString(1);
            }
        }
        try (var statement = connection.createStatement()) {
            // the rows now live in the shards; the shell keeps only the schema, as Citus's does
            statement.execute("TRUNCATE ONLY " + name);
        }
        try (PreparedStatement guard = connection.prepareStatement(ShellGuard.GUARD.replace("$1", "?"))) {
            // from now on anything reaching the empty shell by itself (a function, view, trigger) fails
            guard.setLong(1, relationId);
            guard.execute();
        }
    }

    /** Where the new table's shards go: an existing group's placements, or round-robin for a new group. */
    private record Colocation(int id, int shardCount, List<DistNode> placements) {
    }
}
