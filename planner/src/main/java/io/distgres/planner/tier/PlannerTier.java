package io.distgres.planner.tier;

import io.distgres.planner.plan.PlanningOutcome;
import io.distgres.planner.plan.Tier;

/**
 * One rung of the planner's ladder: plans the statements it can run exactly, and for the others
 * says why not ({@link PlanningOutcome.NotApplicable} naming the construct) so the next tier
 * tries. A tier never throws to decline; exceptions are real errors (a key PostgreSQL would reject).
 */
public interface PlannerTier {
    /** Which rung this is. */
    Tier tier();

    /**
     * Whether this tier plans statements of {@code kind} at all. The ladder asks only tiers that
     * do, and when all of them decline, the last one's reason is the statement's.
     */
    boolean handles(StatementKind kind);

    /** A plan for {@code input}, or why this tier cannot plan it. */
    PlanningOutcome tryPlan(PlanningInput input);
}
