package io.distgres.planner.tier;

import static java.util.Objects.requireNonNull;

import io.distgres.planner.plan.PlanningOutcome;
import java.util.List;

/**
 * Runs the tiers cheapest first and returns the first plan. When every tier that handles the
 * statement's kind declines, the last one's reason is returned: the most capable tier names the
 * construct that keeps distgres from running the statement.
 */
public final class TierLadder {
    private final List<PlannerTier> tiers;

    /** @param tiers in the order they are tried, cheapest first */
    public TierLadder(List<PlannerTier> tiers) {
        this.tiers = List.copyOf(requireNonNull(tiers, "tiers is null"));
    }

    /** The ladder of the design: fast path, router, multi-shard pushdown, coordinator. */
    public static TierLadder standard() {
        return new TierLadder(List.of(new FastPathTier(), new RouterTier(), new MultiShardTier(), new CoordinatorTier()));
    }

    /** The first tier's plan for {@code input}, or the reason of the last tier that declined it. */
    public PlanningOutcome plan(PlanningInput input) {
        StatementKind kind = input.kind();
        PlanningOutcome declined = new PlanningOutcome.NotApplicable("this kind of statement");
        for (PlannerTier tier : tiers) {
            if (!tier.handles(kind)) {
                continue;
            }
            PlanningOutcome outcome = tier.tryPlan(input);
            if (outcome instanceof PlanningOutcome.Planned) {
                return outcome;
            }
            declined = outcome;
        }
        return declined;
    }
}
