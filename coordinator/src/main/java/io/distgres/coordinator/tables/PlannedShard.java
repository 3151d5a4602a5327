package io.distgres.coordinator.tables;

import static java.util.Objects.requireNonNull;

import io.distgres.coordinator.metadata.DistNode;
import io.distgres.planner.hashing.HashRange;
import java.util.List;

/**
 * A shard about to be created: its id, its hash range (null for a reference table's one shard)
 * and the nodes that will hold a placement of it.
 */
record PlannedShard(long shardId, HashRange range, List<DistNode> nodes) {
    PlannedShard {
        nodes = List.copyOf(requireNonNull(nodes, "nodes is null"));
    }
}
