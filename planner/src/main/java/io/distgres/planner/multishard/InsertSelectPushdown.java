package io.distgres.planner.multishard;

import io.distgres.planner.catalog.RoutedTable;
import io.distgres.planner.catalog.RoutingCatalog;
import io.distgres.planner.parser.TableReference;
import io.distgres.planner.plan.CombineStep;
import io.distgres.planner.plan.MultiShardPlan;
import io.distgres.planner.plan.PlanningOutcome;
import io.distgres.planner.plan.Task;
import io.distgres.planner.render.ShardNames;
import io.distgres.planner.render.ShardSql;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;

/**
 * {@code INSERT INTO target SELECT ... FROM source} between co-located tables where the target's
 * distribution column takes the source's distribution column: every row stays in its shard
 * group, so each shard group runs the whole statement on its own shards.
 */
public final class InsertSelectPushdown {
    private final java.util.function.Predicate<String> isAggregate;

    /** @param isAggregate whether a (lower-case) function name is an aggregate function */
    public InsertSelectPushdown(java.util.function.Predicate<String> isAggregate) {
        this.isAggregate = java.util.Objects.requireNonNull(isAggregate, "isAggregate is null");
    }

    /** The pushed-down plan, or why the statement must go through the coordinator. */
    public PlanningOutcome plan(String sql, SqlInsert insert, Map<TableReference, RoutedTable> tables,
                                List<String> parameters, RoutingCatalog catalog) {
        if (!(insert.getSource() instanceof SqlSelect select)) {
            return declined("INSERT ... SELECT with ORDER BY, LIMIT or set operations");
        }
        TableReference targetRef = tables.keySet().iterator().next();
        RoutedTable target = tables.get(targetRef);
        if (target.reference()) {
            return declined("INSERT into a reference table from distributed tables");
        }
        Map<TableReference, RoutedTable> sources = new LinkedHashMap<>(tables);
        sources.remove(targetRef);
        NodeSpans spans = new NodeSpans(sql);
        ColumnEqualities equalities = new ColumnEqualities();
        equalities.addConjuncts(select.getWhere());
        equalities.addJoinConditions(select.getFrom());
        Set<Integer> topLevel = new HashSet<>();
        MultiShardPlanner.FromClause.leafStarts(select.getFrom(), spans, topLevel);
        Checked<MultiShardPlanner.ShardGroups> groups = MultiShardPlanner.ShardGroups.of(sources, topLevel,
                equalities);
        if (groups.isDeclined()) {
            return groups.notApplicable();
        }
        Optional<String> unsupported = MultiShardPlanner.SelectStatement.unsupported(select);
        if (unsupported.isPresent()) {
            return declined(unsupported.get());
        }
        MultiShardPlanner.SelectStatement query = MultiShardPlanner.SelectStatement.of(select);
        SelectContext context = new SelectContext(sql, spans, query, groups.value(), parameters, isAggregate);
        unsupported = context.unsupported();
        if (unsupported.isPresent()) {
            return declined(unsupported.get());
        }
        if (context.aggregates() && !context.groupedByDistributionColumn()) {
            return declined("INSERT ... SELECT with aggregates across shards");
        }
        if (select.isDistinct() || !context.windowCalls().isEmpty() || context.hasStar()) {
            return declined("INSERT ... SELECT with DISTINCT, window functions or *");
        }
        int position = targetPosition(insert, target, catalog);
        if (position < 0 || position >= context.items.size()
                || !groups.value().isDistributionColumn(SelectContext.expression(context.items.get(position)))) {
            return declined("INSERT ... SELECT that does not keep the distribution column");
        }
        RoutedTable anchor = sources.values().stream().filter(t -> !t.reference()).findFirst().orElseThrow();
        if (anchor.colocationId() != target.colocationId()) {
            return declined("INSERT ... SELECT between tables that are not co-located");
        }
        List<Task> tasks = new ArrayList<>();
        for (int index = 0; index < target.shards().size(); index++) {
            Map<TableReference, String> names = new HashMap<>();
            for (Map.Entry<TableReference, RoutedTable> entry : tables.entrySet()) {
                RoutedTable table = entry.getValue();
                RoutedTable.Shard shard = table.reference() ? table.shards().get(0) : table.shards().get(index);
                names.put(entry.getKey(), ShardNames.shardName(table, shard.shardId()));
            }
            StringBuilder text = new StringBuilder(sql.length() + 64);
            ShardNames.appendSubstituted(text, sql, 0, sql.length(), names);
            tasks.add(ShardSql.task(target.shards().get(index).nodeIds().get(0), text.toString(), parameters));
        }
        return new PlanningOutcome.Planned(new MultiShardPlan(MultiShardPlan.Operation.INSERT_SELECT, tasks,
                new CombineStep.Concatenate(-1, 0)));
    }

    private static PlanningOutcome declined(String construct) {
        return new PlanningOutcome.NotApplicable(construct);
    }

    /** Which select item feeds the target's distribution column, or -1. */
    private static int targetPosition(SqlInsert insert, RoutedTable target, RoutingCatalog catalog) {
        List<String> columns = new ArrayList<>();
        if (insert.getTargetColumnList() != null) {
            for (SqlNode column : insert.getTargetColumnList()) {
                columns.add(((SqlIdentifier) column).getSimple());
            }
        } else {
            catalog.columns(target).forEach(c -> columns.add(c.name()));
        }
        return columns.indexOf(target.distributionColumn());
    }
}
