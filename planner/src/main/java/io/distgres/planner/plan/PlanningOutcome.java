package io.distgres.planner.plan;

import static java.util.Objects.requireNonNull;

/**
 * What planning a statement gave: a plan, or the construct that no tier (or this tier) can
 * plan. A tier that declines says why and the next tier tries; nothing is thrown.
 */
public sealed interface PlanningOutcome {

    /** The statement is planned. */
    record Planned(DistributedPlan plan) implements PlanningOutcome {
        public Planned {
            requireNonNull(plan, "plan is null");
        }
    }

    /**
     * The tier cannot plan the statement; {@code reason} names the construct, as in "distgres
     * cannot run this statement ... yet: {@code reason} are not supported" (SQLSTATE 0A000).
     */
    record NotApplicable(String reason) implements PlanningOutcome {
        public NotApplicable {
            requireNonNull(reason, "reason is null");
        }
    }

    /**
     * Every table the statement names turned out to be a local table (a name taken for a
     * distributed table belongs to another relation under the session's search_path): it runs on
     * the coordinator's PostgreSQL unchanged. Only the planner's entry says this, never a tier.
     */
    record Local() implements PlanningOutcome {
    }
}
