package io.distgres.planner.tier;

import io.distgres.planner.multishard.InsertSelectPushdown;
import io.distgres.planner.multishard.MultiShardPlanner;
import io.distgres.planner.plan.PlanningOutcome;
import io.distgres.planner.plan.Tier;
import java.util.Optional;
import java.util.Set;
import org.apache.calcite.sql.SqlInsert;

/**
 * The multi-shard pushdown tier: the statement (or the part of it each shard group can compute)
 * runs on every shard group and the coordinator combines the results ({@link MultiShardPlanner});
 * INSERT ... SELECT between co-located tables runs per shard group ({@link InsertSelectPushdown}).
 */
public final class MultiShardTier implements PlannerTier {
    private static final Set<StatementKind> KINDS = Set.of(StatementKind.SELECT, StatementKind.UPDATE,
            StatementKind.DELETE, StatementKind.INSERT_SELECT);

    @Override
    public Tier tier() {
        return Tier.MULTI_SHARD;
    }

    @Override
    public boolean handles(StatementKind kind) {
        return KINDS.contains(kind);
    }

    @Override
    public PlanningOutcome tryPlan(PlanningInput input) {
        if (input.localTable().isPresent()) {
            return input.mixedWithLocalTable();
        }
        Optional<PlanningOutcome.NotApplicable> movesRows = input.movesRows();
        if (movesRows.isPresent()) {
            return movesRows.get();
        }
        if (input.kind() == StatementKind.INSERT_SELECT) {
            return new InsertSelectPushdown(input.catalog()::isAggregate).plan(input.sql(),
                    (SqlInsert) input.statement(), input.tables(), input.parameters(), input.catalog());
        }
        return new MultiShardPlanner(input.catalog()::isAggregate).plan(input.sql(), input.node(), input.tables(),
                input.parameters());
    }
}
