package io.distgres.planner.tier;

import io.distgres.planner.catalog.RoutedTable;
import io.distgres.planner.multishard.CoordinatorTierPlanner;
import io.distgres.planner.multishard.InsertSelectPushdown;
import io.distgres.planner.parser.PostgresInsert;
import io.distgres.planner.parser.SqlReturning;
import io.distgres.planner.parser.TableReference;
import io.distgres.planner.plan.PlanningOutcome;
import io.distgres.planner.plan.Tier;
import java.util.Set;
import org.apache.calcite.sql.SqlInsert;

/**
 * The coordinator tier: a query the shards cannot answer alone runs on the coordinator's
 * PostgreSQL over rows pulled from the shards ({@link CoordinatorTierPlanner}); an INSERT ...
 * SELECT that cannot run per shard group runs its SELECT first and loads the rows into the shards.
 */
public final class CoordinatorTier implements PlannerTier {
    private static final Set<StatementKind> KINDS = Set.of(StatementKind.SELECT, StatementKind.OTHER_QUERY,
            StatementKind.INSERT_SELECT);

    @Override
    public Tier tier() {
        return Tier.COORDINATOR;
    }

    @Override
    public boolean handles(StatementKind kind) {
        return KINDS.contains(kind);
    }

    @Override
    public PlanningOutcome tryPlan(PlanningInput input) {
        if (input.kind() == StatementKind.INSERT_SELECT) {
            return insertSelect(input);
        }
        PlanningOutcome outcome = new CoordinatorTierPlanner().plan(input.sql(), input.node(), input.tables(),
                input.parameters(), input.catalog());
        if (outcome instanceof PlanningOutcome.NotApplicable && input.localTable().isPresent()) {
            return input.mixedWithLocalTable();
        }
        return outcome;
    }

    private static PlanningOutcome insertSelect(PlanningInput input) {
        SqlInsert insert = (SqlInsert) input.statement();
        boolean onConflict = insert instanceof PostgresInsert postgres && postgres.onConflict() != null;
        boolean returning = input.node() instanceof SqlReturning;
        TableReference target = input.references().get(0);
        RoutedTable table = input.tables().get(target);
        if (table != null && input.tables().size() == 1) {
            // the SELECT reads no distributed or reference table: the coordinator's PostgreSQL runs it
            if (onConflict) {
                return new PlanningOutcome.NotApplicable("INSERT ... SELECT ... ON CONFLICT");
            }
            if (returning) {
                return new PlanningOutcome.NotApplicable("INSERT ... SELECT ... RETURNING");
            }
            return new PlanningOutcome.Planned(InsertSelectThroughCoordinator.plan(input.sql(), insert, table, false));
        }
        if (input.localTable().isPresent()) {
            return input.mixedWithLocalTable();
        }
        RoutedTable first = input.tables().values().iterator().next();
        if (returning || onConflict) {
            // RETURNING and ON CONFLICT need the rows inserted where they are read: why that is impossible
            PlanningOutcome pushdown = new InsertSelectPushdown(input.catalog()::isAggregate).plan(input.sql(), insert,
                    input.tables(), input.parameters(), input.catalog());
            String reason = pushdown instanceof PlanningOutcome.NotApplicable declined ? declined.reason()
                    : "INSERT ... SELECT";
            return new PlanningOutcome.NotApplicable(reason + " with RETURNING or ON CONFLICT");
        }
        return new PlanningOutcome.Planned(InsertSelectThroughCoordinator.plan(input.sql(), insert, first, true));
    }
}
