package io.distgres.planner.plan;

/**
 * The rungs of the planner's ladder, cheapest first: the first tier that can plan a statement
 * exactly plans it. Plans say which tier made them; EXPLAIN prints the {@link #displayName()}.
 */
public enum Tier {
    /** One distributed table pinned by {@code dist_col = constant / $n}: one task, no general analysis. */
    FAST_PATH("fast-path router"),
    /** Every distributed table pinned to the same shard group(s), reference tables anywhere: one task per group. */
    ROUTER("router"),
    /** Every shard group runs the statement (or a part of it) and the coordinator combines the results. */
    MULTI_SHARD("multi-shard pushdown"),
    /** Rows are pulled from the shards and the statement runs on the coordinator's PostgreSQL. */
    COORDINATOR("coordinator");

    private final String displayName;

    Tier(String displayName) {
        this.displayName = displayName;
    }

    /** The tier's name for people (EXPLAIN, docs): "fast-path router", "router", ... */
    public String displayName() {
        return displayName;
    }
}
