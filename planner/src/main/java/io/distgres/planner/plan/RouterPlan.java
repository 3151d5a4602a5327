package io.distgres.planner.plan;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Tasks that each run the user's statement on one shard group (or reference table placement),
 * whose results are concatenated.
 *
 * @param tier       {@link Tier#FAST_PATH} or {@link Tier#ROUTER}
 * @param tasks      one per shard group touched, or one per placement of a reference table written
 * @param writes     whether the statement modifies rows
 * @param placements what the tasks run on
 */
public record RouterPlan(Tier tier, List<Task> tasks, boolean writes, Placements placements)
        implements DistributedPlan {
    public RouterPlan {
        requireNonNull(tier, "tier is null");
        requireNonNull(placements, "placements is null");
        tasks = List.copyOf(tasks);
    }

    /** What the tasks of a router plan run on. */
    public enum Placements {
        /** Shards of distributed tables (with reference tables joined in). */
        SHARD_GROUPS,
        /** Reference tables only, read: any one placement answers. */
        ANY_REFERENCE_PLACEMENT,
        /** Reference tables only, written: every placement runs the same write. */
        EVERY_REFERENCE_PLACEMENT
    }

    /**
     * True when every task is the same write on another placement of a reference table, so only
     * the first task's result is the statement's result.
     */
    public boolean replicated() {
        return placements == Placements.EVERY_REFERENCE_PLACEMENT;
    }
}
