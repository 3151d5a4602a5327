package io.distgres.planner.multishard;

import io.distgres.planner.catalog.RoutedTable;
import io.distgres.planner.parser.PostgresDelete;
import io.distgres.planner.parser.PostgresSelect;
import io.distgres.planner.parser.PostgresUpdate;
import io.distgres.planner.parser.SqlReturning;
import io.distgres.planner.parser.TableReference;
import io.distgres.planner.plan.CombineStep;
import io.distgres.planner.plan.MultiShardPlan;
import io.distgres.planner.plan.PlanningOutcome;
import io.distgres.planner.plan.Task;
import io.distgres.planner.render.ShardNames;
import io.distgres.planner.render.ShardSql;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;

/**
 * The multi-shard pushdown tier: a statement over co-located distributed tables (joined on
 * their distribution columns) and reference tables runs on every shard group, and the
 * coordinator combines the results — concatenation, a merge of ordered results, or partial
 * aggregates finished on the coordinator's PostgreSQL. Declines (for the coordinator tier)
 * whatever it cannot split exactly.
 */
public final class MultiShardPlanner {
    private final Predicate<String> isAggregate;

    /** @param isAggregate whether a (lower-case) function name is an aggregate function */
    public MultiShardPlanner(Predicate<String> isAggregate) {
        this.isAggregate = isAggregate;
    }

    /** Plans {@code statement} (parsed from {@code sql}) over {@code tables}, or says why it cannot be split. */
    public PlanningOutcome plan(String sql, SqlNode statement, Map<TableReference, RoutedTable> tables,
                                List<String> parameters) {
        SqlNode inner = statement instanceof SqlReturning returning ? returning.statement() : statement;
        if (inner instanceof PostgresUpdate || inner instanceof PostgresDelete) {
            return write(sql, inner, tables, parameters);
        }
        return select(sql, statement, tables, parameters);
    }

    private PlanningOutcome write(String sql, SqlNode statement, Map<TableReference, RoutedTable> tables,
                                  List<String> parameters) {
        ColumnEqualities equalities = new ColumnEqualities();
        SqlNode from;
        SqlNode target;
        if (statement instanceof PostgresUpdate update) {
            from = update.from();
            target = update.getTargetTable();
            equalities.addConjuncts(update.getCondition());
        } else {
            PostgresDelete delete = (PostgresDelete) statement;
            from = delete.using();
            target = delete.getTargetTable();
            equalities.addConjuncts(delete.getCondition());
        }
        equalities.addJoinConditions(from);
        int targetStart = new NodeSpans(sql).of(target).start();
        boolean distributedTarget = tables.entrySet().stream().anyMatch(entry -> entry.getKey().start() == targetStart
                && !entry.getValue().reference());
        if (!distributedTarget) {
            return new PlanningOutcome.NotApplicable("writes to reference tables joined with distributed tables");
        }
        Set<Integer> topLevel = new HashSet<>();
        FromClause.leafStarts(target, new NodeSpans(sql), topLevel);
        FromClause.leafStarts(from, new NodeSpans(sql), topLevel);
        Checked<ShardGroups> groups = ShardGroups.of(tables, topLevel, equalities);
        if (groups.isDeclined()) {
            return groups.notApplicable();
        }
        ShardText text = new ShardText(sql).span(0, sql.length());
        return new PlanningOutcome.Planned(new MultiShardPlan(MultiShardPlan.Operation.MODIFICATION,
                groups.value().tasks(text, parameters), new CombineStep.Concatenate(-1, 0)));
    }

    private PlanningOutcome select(String sql, SqlNode statement, Map<TableReference, RoutedTable> tables,
                                   List<String> parameters) {
        Optional<String> unsupported = SelectStatement.unsupported(statement);
        if (unsupported.isPresent()) {
            return new PlanningOutcome.NotApplicable(unsupported.get());
        }
        SelectStatement query = SelectStatement.of(statement);
        SqlSelect select = query.select();
        NodeSpans spans = new NodeSpans(sql);
        ColumnEqualities equalities = new ColumnEqualities();
        equalities.addConjuncts(select.getWhere());
        equalities.addJoinConditions(select.getFrom());
        Set<Integer> topLevel = new HashSet<>();
        FromClause.leafStarts(select.getFrom(), spans, topLevel);
        Checked<ShardGroups> groups = ShardGroups.of(tables, topLevel, equalities);
        if (groups.isDeclined()) {
            return groups.notApplicable();
        }
        SelectContext context = new SelectContext(sql, spans, query, groups.value(), parameters, isAggregate);
        unsupported = context.unsupported();
        if (unsupported.isPresent()) {
            return new PlanningOutcome.NotApplicable(unsupported.get());
        }
        Checked<SelectSplit> split = context.groupedByDistributionColumn() || !context.aggregates()
                ? FullPushdown.plan(context) : AggregateSplit.plan(context);
        if (split.isDeclined()) {
            return split.notApplicable();
        }
        return new PlanningOutcome.Planned(new MultiShardPlan(MultiShardPlan.Operation.SELECT,
                groups.value().tasks(split.value().workerText(), parameters), split.value().combine()));
    }

    /** The parts of a top-level SELECT: the query block and the ORDER BY / LIMIT / OFFSET around it. */
    record SelectStatement(SqlSelect select, List<SqlNode> orderBy, SqlNode offset, SqlNode fetch) {
        /** Why {@code statement} is no SELECT this tier splits, or empty. */
        static Optional<String> unsupported(SqlNode statement) {
            SqlNode query = statement instanceof SqlOrderBy orderBy ? orderBy.query : statement;
            if (!(query instanceof SqlSelect select)) {
                return Optional.of(query.getKind() == SqlKind.WITH ? "WITH queries (CTEs) over distributed tables"
                        : "set operations (UNION, INTERSECT, EXCEPT) or VALUES over distributed tables");
            }
            if (select.getOrderList() != null || select.getFetch() != null || select.getOffset() != null) {
                return Optional.of("ORDER BY / LIMIT inside this query form");
            }
            if (select.getWindowList() != null && !select.getWindowList().isEmpty()) {
                return Optional.of("WINDOW clauses over distributed tables");
            }
            if (select.getFrom() == null) {
                return Optional.of("SELECT without FROM");
            }
            return Optional.empty();
        }

        /** The parts of {@code statement}, which {@link #unsupported} accepts. */
        static SelectStatement of(SqlNode statement) {
            if (statement instanceof SqlOrderBy orderBy) {
                return new SelectStatement((SqlSelect) orderBy.query,
                        orderBy.orderList == null ? List.of() : orderBy.orderList.getList(), orderBy.offset,
                        orderBy.fetch);
            }
            return new SelectStatement((SqlSelect) statement, List.of(), null, null);
        }

        /** DISTINCT ON keys, empty without DISTINCT ON. */
        List<SqlNode> distinctOn() {
            return select instanceof PostgresSelect pg && pg.distinctOn() != null ? pg.distinctOn().getList()
                    : List.of();
        }
    }

    /** Table references directly in a FROM clause (not inside subqueries). */
    static final class FromClause {
        private FromClause() {
        }

        static void leafStarts(SqlNode from, NodeSpans spans, Set<Integer> starts) {
            if (from == null) {
                return;
            }
            if (from instanceof SqlJoin join) {
                leafStarts(join.getLeft(), spans, starts);
                leafStarts(join.getRight(), spans, starts);
            } else if (from instanceof SqlIdentifier id) {
                starts.add(spans.of(id).start());
            } else if (from instanceof SqlBasicCall call && call.getKind() == SqlKind.AS) {
                leafStarts(call.operand(0), spans, starts);
            } else if (from instanceof SqlCall call && call.getKind() == SqlKind.TABLE_REF) {
                leafStarts(call.operand(0), spans, starts);
            }
        }
    }

    /**
     * The shard groups a statement runs on: every distributed table must be in the top-level FROM,
     * co-located with the others and joined to them on the distribution column.
     */
    static final class ShardGroups {
        private final Map<TableReference, RoutedTable> tables;
        private final RoutedTable anchor;
        private final List<ColumnEqualities.Column> distributionColumns;
        private final ColumnEqualities equalities;

        private ShardGroups(Map<TableReference, RoutedTable> tables, RoutedTable anchor,
                            List<ColumnEqualities.Column> distributionColumns, ColumnEqualities equalities) {
            this.tables = tables;
            this.anchor = anchor;
            this.distributionColumns = distributionColumns;
            this.equalities = equalities;
        }

        static Checked<ShardGroups> of(Map<TableReference, RoutedTable> tables, Set<Integer> topLevel,
                              ColumnEqualities equalities) {
            RoutedTable anchor = null;
            List<ColumnEqualities.Column> columns = new ArrayList<>();
            for (Map.Entry<TableReference, RoutedTable> entry : tables.entrySet()) {
                RoutedTable table = entry.getValue();
                if (table.reference()) {
                    continue;
                }
                TableReference ref = entry.getKey();
                if (!topLevel.contains(ref.start())) {
                    return Checked.declined("subqueries over distributed table \"" + table.name() + "\"");
                }
                if (anchor != null && anchor.colocationId() != table.colocationId()) {
                    return Checked.declined("joins between tables that are not co-located (\"" + anchor.name()
                            + "\" and \"" + table.name() + "\")");
                }
                ColumnEqualities.Column column = new ColumnEqualities.Column(ref.alias().orElse(ref.tableName()),
                        table.distributionColumn());
                if (anchor != null && !equalities.equal(columns.get(0), column)) {
                    return Checked.declined("joins of distributed tables not on their distribution columns");
                }
                anchor = anchor == null ? table : anchor;
                columns.add(column);
            }
            if (anchor == null) {
                return Checked.declined("statements over reference tables only");
            }
            boolean single = tables.size() == 1;
            if (single) {
                columns.add(new ColumnEqualities.Column(null, anchor.distributionColumn()));
            }
            return Checked.of(new ShardGroups(tables, anchor, columns, equalities));
        }

        /** True when {@code node} is a column reference to the shard groups' distribution column. */
        boolean isDistributionColumn(SqlNode node) {
            ColumnEqualities.Column column = ColumnEqualities.column(node);
            if (column == null) {
                return false;
            }
            for (ColumnEqualities.Column known : distributionColumns) {
                if (known.equals(column) || (column.qualifier() != null && equalities.equal(known, column))) {
                    return true;
                }
            }
            return false;
        }

        /** One task per shard group running {@code text}. */
        List<Task> tasks(ShardText text, List<String> parameters) {
            List<Task> tasks = new ArrayList<>(anchor.shards().size());
            for (int index = 0; index < anchor.shards().size(); index++) {
                int node = anchor.shards().get(index).nodeIds().get(0);
                tasks.add(ShardSql.task(node, text.render(ShardNames.ofShardGroup(tables, index)), parameters));
            }
            return tasks;
        }
    }
}
