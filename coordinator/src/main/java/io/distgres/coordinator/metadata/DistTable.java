package io.distgres.coordinator.metadata;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A distributed or reference table as {@code distgres.dist_table} records it, with its shards.
 *
 * @param relationId         the shell table's OID in the coordinator database
 * @param schemaName         the shell table's schema
 * @param tableName          the shell table's name (shards are named {@code <tableName>_<shardid>})
 * @param kind               hash-distributed or reference (one shard on every node)
 * @param distributionColumn the hash column; empty for reference tables
 * @param colocationId       tables of one colocation group share shard ranges and placements
 * @param shardCount         number of shards (1 for reference tables)
 * @param shards             ascending by hash range (reference tables: the one shard)
 */
public record DistTable(long relationId, String schemaName, String tableName, Kind kind,
        Optional<String> distributionColumn, int colocationId, int shardCount, List<DistShard> shards) {

    public DistTable {
        requireNonNull(schemaName, "schemaName is null");
        requireNonNull(tableName, "tableName is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(distributionColumn, "distributionColumn is null");
        shards = List.copyOf(requireNonNull(shards, "shards is null"));
    }

    /** {@code dist_table.kind}. */
    public enum Kind {
        HASH, REFERENCE;

        static Kind fromSql(String value) {
            return valueOf(value.toUpperCase(Locale.ROOT));
        }
    }
}
