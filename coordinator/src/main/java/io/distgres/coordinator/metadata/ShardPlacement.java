package io.distgres.coordinator.metadata;

import static java.util.Objects.requireNonNull;

import java.util.Locale;

/**
 * A copy of one shard on one node ({@code distgres.dist_placement}).
 *
 * @param placementId stable id of this copy
 * @param shardId     the shard it is a copy of
 * @param nodeId      the node holding it
 * @param state       only active placements serve queries
 */
public record ShardPlacement(long placementId, long shardId, int nodeId, State state) {
    public ShardPlacement {
        requireNonNull(state, "state is null");
    }

    /** {@code dist_placement.state}. */
    public enum State {
        ACTIVE, INACTIVE, TO_DELETE;

        static State fromSql(String value) {
            return valueOf(value.toUpperCase(Locale.ROOT));
        }
    }
}
