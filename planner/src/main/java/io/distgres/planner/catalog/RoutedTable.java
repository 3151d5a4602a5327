package io.distgres.planner.catalog;

import static java.util.Objects.requireNonNull;

import io.distgres.planner.hashing.DistributionType;
import io.distgres.planner.hashing.HashRange;
import java.util.List;

/**
 * A distributed or reference table as the planner sees it.
 *
 * @param schema             schema of the shell table
 * @param name               table name (shards are {@code <name>_<shardid>})
 * @param reference          true for reference tables (one shard, a placement on every node)
 * @param distributionColumn the hash column; null for reference tables
 * @param distributionType   the hash column's type; null for reference tables
 * @param colocationId       tables with equal ids keep equal ranges on equal nodes
 * @param shards             ordered by hash range
 */
public record RoutedTable(String schema, String name, boolean reference, String distributionColumn,
                          DistributionType distributionType, int colocationId, List<Shard> shards) {
    public RoutedTable {
        requireNonNull(schema, "schema is null");
        requireNonNull(name, "name is null");
        shards = List.copyOf(shards);
    }

    /** One shard: id, hash range (null for reference tables) and the nodes holding it. */
    public record Shard(long shardId, HashRange range, List<Integer> nodeIds) {
        public Shard {
            nodeIds = List.copyOf(nodeIds);
        }
    }
}
