package io.distgres.planner.multishard;

import io.distgres.planner.catalog.RoutedTable;
import io.distgres.planner.catalog.RoutingCatalog;
import io.distgres.planner.parser.SqlLockedQuery;
import io.distgres.planner.parser.TableReference;
import io.distgres.planner.plan.CoordinatorPlan;
import io.distgres.planner.plan.PlanningOutcome;
import io.distgres.planner.plan.SqlFragment;
import io.distgres.planner.plan.Task;
import io.distgres.planner.render.ShardNames;
import io.distgres.planner.render.ShardSql;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.sql.JoinType;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;

/**
 * The coordinator tier: a query the shards cannot answer alone (joins of tables that are not
 * co-located, window functions across shards, CTEs, set operations, subqueries over distributed
 * tables, local tables mixed in) runs on the coordinator's PostgreSQL. Each distributed and
 * reference table it names is pulled from its shards — only the rows that pass the WHERE
 * conjuncts that concern that table alone — and the statement runs over those rows with
 * PostgreSQL's own semantics.
 */
public final class CoordinatorTierPlanner {

    /** Plans the query {@code statement} over {@code tables}, or declines with the reason. */
    public PlanningOutcome plan(String sql, SqlNode statement, Map<TableReference, RoutedTable> tables,
                                List<String> parameters, RoutingCatalog catalog) {
        if (statement instanceof SqlLockedQuery) {
            return new PlanningOutcome.NotApplicable("SELECT ... FOR UPDATE/SHARE over several shards");
        }
        if (!statement.getKind().belongsTo(SqlKind.QUERY)) {
            return new PlanningOutcome.NotApplicable("this statement over several shards");
        }
        NodeSpans spans = new NodeSpans(sql);
        Filters filters = Filters.of(statement, spans);
        List<CoordinatorPlan.Pull> pulls = new ArrayList<>();
        Map<TableReference, Integer> pullOf = new HashMap<>();
        for (Map.Entry<TableReference, RoutedTable> entry : tables.entrySet()) {
            pullOf.put(entry.getKey(), pulls.size());
            pulls.add(pull(sql, entry.getKey(), entry.getValue(), filters.of(entry.getKey()), parameters, catalog));
        }
        List<TableReference> ordered = new ArrayList<>(tables.keySet());
        ordered.sort(Comparator.comparingInt(TableReference::start));
        List<SqlFragment.Piece> query = new ArrayList<>();
        int at = 0;
        for (TableReference ref : ordered) {
            if (ref.start() > at) {
                query.add(new SqlFragment.Text(sql.substring(at, ref.start())));
            }
            query.add(new SqlFragment.PulledTable(pullOf.get(ref)));
            // no alias: the table's own name still qualifies column references
            if (ref.alias().isEmpty()) {
                query.add(new SqlFragment.Text(" AS " + ShardNames.quote(ref.tableName())));
            }
            at = ref.end();
        }
        if (at < sql.length()) {
            query.add(new SqlFragment.Text(sql.substring(at)));
        }
        return new PlanningOutcome.Planned(new CoordinatorPlan(pulls, new SqlFragment(query)));
    }

    private static CoordinatorPlan.Pull pull(String sql, TableReference ref, RoutedTable table,
                                             List<NodeSpans.Span> filters,
                                        List<String> parameters, RoutingCatalog catalog) {
        List<String> columns = new ArrayList<>();
        for (RoutingCatalog.ColumnInfo column : catalog.columns(table)) {
            columns.add(ShardNames.quote(column.name()));
        }
        String qualifier = ShardNames.quote(ref.alias().orElse(ref.tableName()));
        StringBuilder where = new StringBuilder();
        for (NodeSpans.Span filter : filters) {
            where.append(where.isEmpty() ? " WHERE " : " AND ").append('(').append(filter.of(sql)).append(')');
        }
        List<RoutedTable.Shard> shards = table.reference() ? table.shards().subList(0, 1) : table.shards();
        List<Task> tasks = new ArrayList<>();
        for (RoutedTable.Shard shard : shards) {
            String text = "SELECT " + String.join(", ", columns) + " FROM " + ShardNames.shardName(table,
                    shard.shardId()) + " AS " + qualifier + where;
            tasks.add(ShardSql.task(shard.nodeIds().get(0), text, parameters));
        }
        return new CoordinatorPlan.Pull(ShardNames.quote(table.schema()) + "." + ShardNames.quote(table.name()), tasks);
    }

    /**
     * WHERE conjuncts of a plain top-level SELECT that concern one table alone (every column
     * qualified by its name, or unqualified when it is the only table), to apply while pulling
     * it. None when the FROM has outer joins (a filter there is not a filter on the table).
     */
    private record Filters(Map<String, List<NodeSpans.Span>> byQualifier, String onlyTable, Set<Integer> topLevel) {
        /** Functions whose result changes from call to call: filters calling them are not applied twice. */
        private static final java.util.regex.Pattern VOLATILE = java.util.regex.Pattern.compile(
                "random|nextval|setval|setseed|clock_timestamp|timeofday|gen_random|uuid");

        static Filters of(SqlNode statement, NodeSpans spans) {
            SqlNode query = statement instanceof SqlOrderBy orderBy ? orderBy.query : statement;
            Map<String, List<NodeSpans.Span>> byQualifier = new HashMap<>();
            if (!(query instanceof SqlSelect select) || select.getWhere() == null || hasOuterJoin(select.getFrom())) {
                return new Filters(byQualifier, null, Set.of());
            }
            List<String> leaves = new ArrayList<>();
            leafNames(select.getFrom(), leaves);
            String only = leaves.size() == 1 ? leaves.get(0) : null;
            List<SqlNode> conjuncts = new ArrayList<>();
            conjuncts(select.getWhere(), conjuncts);
            for (SqlNode conjunct : conjuncts) {
                Set<String> qualifiers = new HashSet<>();
                String text = spans.of(conjunct).of(spans.sql()).toLowerCase(java.util.Locale.ROOT);
                if (!simple(conjunct, qualifiers, only != null) || VOLATILE.matcher(text).find()) {
                    continue;
                }
                if (qualifiers.size() == 1) {
                    byQualifier.computeIfAbsent(qualifiers.iterator().next(), q -> new ArrayList<>())
                            .add(spans.of(conjunct));
                }
            }
            Set<Integer> topLevel = new HashSet<>();
            MultiShardPlanner.FromClause.leafStarts(select.getFrom(), spans, topLevel);
            return new Filters(byQualifier, only, topLevel);
        }

        List<NodeSpans.Span> of(TableReference ref) {
            String name = ref.alias().orElse(ref.tableName());
            if (!topLevel.contains(ref.start())) {
                return List.of();
            }
            List<NodeSpans.Span> out = new ArrayList<>(byQualifier.getOrDefault(name, List.of()));
            if (name.equals(onlyTable)) {
                out.addAll(byQualifier.getOrDefault("", List.of()));
            }
            return out;
        }

        private static void conjuncts(SqlNode node, List<SqlNode> out) {
            if (node instanceof SqlBasicCall call && call.getKind() == SqlKind.AND) {
                call.getOperandList().forEach(operand -> conjuncts(operand, out));
            } else {
                out.add(node);
            }
        }

        /** True when {@code node} has no subquery, aggregate-free; collects its column qualifiers ("" = none). */
        private static boolean simple(SqlNode node, Set<String> qualifiers, boolean allowUnqualified) {
            if (node == null) {
                return true;
            }
            if (node instanceof SqlSelect || node.getKind() == SqlKind.ORDER_BY || node.getKind() == SqlKind.WITH
                    || node.getKind() == SqlKind.OVER || node.getKind() == SqlKind.EXISTS) {
                return false;
            }
            if (node instanceof SqlIdentifier id) {
                if (id.isStar()) {
                    return false;
                }
                if (id.names.size() == 1) {
                    qualifiers.add("");
                    return allowUnqualified;
                }
                qualifiers.add(id.names.get(id.names.size() - 2));
                return true;
            }
            for (SqlNode child : SelectContext.children(node)) {
                if (!simple(child, qualifiers, allowUnqualified)) {
                    return false;
                }
            }
            return true;
        }

        private static boolean hasOuterJoin(SqlNode from) {
            if (from instanceof SqlJoin join) {
                JoinType type = join.getJoinType();
                boolean outer = type == JoinType.LEFT || type == JoinType.RIGHT || type == JoinType.FULL;
                return outer || hasOuterJoin(join.getLeft()) || hasOuterJoin(join.getRight());
            }
            return false;
        }

        private static void leafNames(SqlNode from, List<String> names) {
            if (from instanceof SqlJoin join) {
                leafNames(join.getLeft(), names);
                leafNames(join.getRight(), names);
            } else if (from instanceof SqlBasicCall call && call.getKind() == SqlKind.AS
                    && call.operand(1) instanceof SqlIdentifier alias) {
                names.add(alias.getSimple());
            } else if (from instanceof SqlIdentifier id) {
                names.add(id.names.get(id.names.size() - 1));
            } else {
                names.add("\u0000other");
            }
        }
    }
}
