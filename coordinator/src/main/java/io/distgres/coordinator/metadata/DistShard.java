package io.distgres.coordinator.metadata;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * One shard of a distributed or reference table, with where its copies live.
 *
 * @param shardId    global id (from 102008); the shard table is {@code <table>_<shardId>}
 * @param relationId the OID of the table it belongs to
 * @param hashRange  the inclusive int4 hash range it holds; empty for a reference table's shard
 * @param placements the nodes holding a copy, ascending by node id
 */
public record DistShard(long shardId, long relationId, Optional<HashRange> hashRange, List<ShardPlacement> placements) {

    public DistShard {
        requireNonNull(hashRange, "hashRange is null");
        placements = List.copyOf(requireNonNull(placements, "placements is null"));
    }

    /** An inclusive range of PostgreSQL int4 hash values. */
    public record HashRange(int min, int max) {
        public HashRange {
            if (min > max) {
                throw new IllegalArgumentException("hash range min " + min + " > max " + max);
            }
        }

        public boolean contains(int hash) {
            return hash >= min && hash <= max;
        }
    }
}
