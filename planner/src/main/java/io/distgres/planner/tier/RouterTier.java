package io.distgres.planner.tier;

import io.distgres.planner.catalog.RoutedTable;
import io.distgres.planner.parser.PostgresDelete;
import io.distgres.planner.parser.PostgresUpdate;
import io.distgres.planner.parser.SqlLockedQuery;
import io.distgres.planner.parser.TableReference;
import io.distgres.planner.plan.PlanningOutcome;
import io.distgres.planner.plan.RouterPlan;
import io.distgres.planner.plan.Task;
import io.distgres.planner.plan.Tier;
import io.distgres.planner.render.ShardNames;
import io.distgres.planner.render.ShardSql;
import io.distgres.planner.router.AggregateCalls;
import io.distgres.planner.router.InsertRouter;
import io.distgres.planner.router.PinnedValues;
import io.distgres.planner.router.ShardKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;

/**
 * The router tier: a statement whose distributed tables are all pinned to shards by their
 * distribution column ({@code = constant}, {@code = $n}, {@code IN (...)}, or equal to another
 * pinned co-located column) runs as one task per shard group touched, on the node holding it;
 * reference tables join anywhere. Multi-row INSERTs are split by shard ({@link InsertRouter}).
 */
public final class RouterTier implements PlannerTier {
    private static final Set<StatementKind> KINDS = Set.of(StatementKind.SELECT, StatementKind.INSERT_VALUES,
            StatementKind.UPDATE, StatementKind.DELETE);

    @Override
    public Tier tier() {
        return Tier.ROUTER;
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
        SqlNode statement = input.statement();
        if (input.kind() == StatementKind.INSERT_VALUES) {
            return new InsertRouter(input.sql(), (SqlInsert) statement, input.tables(), input.parameters(),
                    input.catalog(), input.hasher()).plan();
        }
        Optional<PlanningOutcome.NotApplicable> movesRows = input.movesRows();
        if (movesRows.isPresent()) {
            return movesRows.get();
        }
        boolean writes = statement instanceof PostgresUpdate || statement instanceof PostgresDelete;
        PinnedValues pins = new PinnedValues(input.parameters());
        boolean concatenable = collectConditions(statement, pins);
        return route(input, pins, writes, concatenable);
    }

    /** Gathers WHERE/ON conjuncts; true when the statement is a plain SELECT whose results can be concatenated. */
    private static boolean collectConditions(SqlNode statement, PinnedValues pins) {
        if (statement instanceof SqlLockedQuery locked) {
            collectConditions(locked.query(), pins);
            return false;
        }
        if (statement instanceof SqlOrderBy orderBy) {
            collectConditions(orderBy.query, pins);
            return false;
        }
        if (statement instanceof SqlSelect select) {
            pins.addConditionsOf(select.getFrom());
            pins.addConjunct(select.getWhere());
            return select.getGroup() == null && select.getHaving() == null && !select.isDistinct()
                    && select.getFetch() == null && select.getOffset() == null && select.getOrderList() == null
                    && !AggregateCalls.anyIn(select.getSelectList());
        }
        if (statement instanceof PostgresUpdate update) {
            pins.addConditionsOf(update.from());
            pins.addConjunct(update.getCondition());
        } else if (statement instanceof PostgresDelete delete) {
            pins.addConditionsOf(delete.using());
            pins.addConjunct(delete.getCondition());
        }
        return true;
    }

    private static PlanningOutcome route(PlanningInput input, PinnedValues pins, boolean writes, boolean concatenable) {
        Map<TableReference, RoutedTable> tables = input.tables();
        Integer colocationId = null;
        Set<Integer> shardIndexes = null;
        RoutedTable anchor = null;
        for (Map.Entry<TableReference, RoutedTable> entry : tables.entrySet()) {
            RoutedTable table = entry.getValue();
            if (table.reference()) {
                continue;
            }
            if (colocationId != null && colocationId != table.colocationId()) {
                return declined("joins between tables that are not co-located");
            }
            colocationId = table.colocationId();
            Set<String> values = pinnedValues(entry.getKey(), table, pins, tables.size() == 1);
            if (values == null) {
                return declined("statements on \"" + table.name() + "\" that do not pin its distribution column \""
                        + table.distributionColumn() + "\" to constants (multi-shard queries)");
            }
            Set<Integer> indexes = new TreeSet<>();
            for (String value : values) {
                indexes.add(ShardKeys.shardIndex(table, value, input.hasher()));
            }
            if (indexes.isEmpty()) {
                // pinned to no value (= NULL, contradicting conditions): no row matches; any one shard answers
                indexes.add(0);
            }
            if (shardIndexes != null && !shardIndexes.equals(indexes)) {
                return declined("co-located tables pinned to different shards");
            }
            shardIndexes = indexes;
            anchor = table;
        }
        if (anchor == null) {
            return referenceOnly(input, writes);
        }
        if (shardIndexes.size() > 1 && (!concatenable || tables.size() > 1)) {
            return declined("queries over several shards that need a combine step");
        }
        if (writes && isReferenceTable(tables.keySet().iterator().next(), tables)) {
            return declined("writes to reference tables joined with distributed tables");
        }
        List<Task> tasks = new ArrayList<>();
        for (int index : shardIndexes) {
            int node = anchor.shards().get(index).nodeIds().get(0);
            tasks.add(ShardSql.task(node, ShardSql.substitute(input.sql(), ShardNames.ofShardGroup(tables, index)),
                    input.parameters()));
        }
        return new PlanningOutcome.Planned(new RouterPlan(Tier.ROUTER, tasks, writes,
                RouterPlan.Placements.SHARD_GROUPS));
    }

    private static boolean isReferenceTable(TableReference ref, Map<TableReference, RoutedTable> tables) {
        return tables.get(ref).reference();
    }

    /** Reference tables only: a read needs one placement, a write must reach every placement. */
    private static PlanningOutcome referenceOnly(PlanningInput input, boolean writes) {
        RoutedTable first = input.tables().values().iterator().next();
        String shardSql = ShardSql.substitute(input.sql(), ShardNames.ofShardGroup(input.tables(), 0));
        List<Integer> nodes = first.shards().get(0).nodeIds();
        List<Task> tasks = new ArrayList<>();
        for (int node : writes ? nodes : nodes.subList(0, 1)) {
            tasks.add(ShardSql.task(node, shardSql, input.parameters()));
        }
        return new PlanningOutcome.Planned(new RouterPlan(Tier.ROUTER, tasks, writes, writes
                ? RouterPlan.Placements.EVERY_REFERENCE_PLACEMENT : RouterPlan.Placements.ANY_REFERENCE_PLACEMENT));
    }

    /** The values a table's distribution column is pinned to, or null when unpinned. */
    private static Set<String> pinnedValues(TableReference ref, RoutedTable table, PinnedValues pins,
                                            boolean onlyTable) {
        String qualifier = ref.alias().orElse(ref.tableName());
        Set<String> values = pins.valuesOf(new PinnedValues.ColumnRef(qualifier, table.distributionColumn()));
        if (values == null && ref.alias().isEmpty()) {
            values = pins.valuesOf(new PinnedValues.ColumnRef(ref.tableName(), table.distributionColumn()));
        }
        if (values == null && onlyTable) {
            values = pins.valuesOf(new PinnedValues.ColumnRef(null, table.distributionColumn()));
        }
        return values;
    }

    private static PlanningOutcome declined(String construct) {
        return new PlanningOutcome.NotApplicable(construct);
    }
}
