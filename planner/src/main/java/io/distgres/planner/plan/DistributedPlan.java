package io.distgres.planner.plan;

/**
 * How a statement over distributed tables runs: tasks on the workers and what the coordinator
 * does with their results. Plans are immutable data; the tiers make them, the coordinator runs them.
 */
public sealed interface DistributedPlan permits RouterPlan, MultiShardPlan, CoordinatorPlan, InsertSelectPlan {
    /** The tier that made this plan. */
    Tier tier();
}
