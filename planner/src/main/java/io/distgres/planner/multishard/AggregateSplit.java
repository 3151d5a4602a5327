package io.distgres.planner.multishard;

import io.distgres.planner.router.RouterPlan;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;

/**
 * A SELECT with aggregates or GROUP BY not on the distribution column. When every aggregate
 * splits (count, sum, min, max, avg, bool_and/or), each task computes partial aggregates per
 * group and the coordinator's PostgreSQL finishes them (sum of counts, sum / count for avg ...);
 * otherwise each task returns the group keys and aggregate arguments of its rows and the
 * coordinator runs the aggregates themselves — exact for every aggregate PostgreSQL has.
 * HAVING, ORDER BY, DISTINCT, LIMIT and OFFSET run on the coordinator.
 */
final class AggregateSplit {
    private final SelectContext context;
    private final boolean partial;
    private final List<SqlNode> keys;
    private final List<ShardText> columns = new ArrayList<>();
    /** The expression behind each column, for reuse; null for partial aggregate columns. */
    private final List<SqlNode> columnExpressions = new ArrayList<>();
    private final String combine;

    AggregateSplit(SelectContext context) {
        this.context = context;
        if (!context.windowCalls().isEmpty()) {
            throw new MultiShardPlanner.Decline("window functions over aggregates across shards");
        }
        if (context.hasStar()) {
            throw new MultiShardPlanner.Decline("SELECT * with GROUP BY across shards");
        }
        if (!context.query.distinctOn().isEmpty()) {
            throw new MultiShardPlanner.Decline("DISTINCT ON with aggregates across shards");
        }
        this.keys = context.groupKeys();
        this.partial = allSplittable();
        for (SqlNode key : keys) {
            column(key);
        }
        this.combine = combineText();
    }

    boolean partial() {
        return partial;
    }

    private boolean allSplittable() {
        List<SqlNode> roots = new ArrayList<>(context.items);
        roots.add(context.select().getHaving());
        roots.addAll(context.query.orderBy());
        List<AggregateCall> found = new ArrayList<>();
        roots.forEach(root -> collectAggregates(root, found));
        return found.stream().allMatch(AggregateCall::splittable);
    }

    private void collectAggregates(SqlNode node, List<AggregateCall> found) {
        if (node == null || node instanceof SqlSelect) {
            return;
        }
        AggregateCall aggregate = AggregateCall.of(node, context.isAggregate);
        if (aggregate != null) {
            found.add(aggregate);
            return;
        }
        SelectContext.children(node).forEach(child -> collectAggregates(child, found));
    }

    ShardText workerText() {
        ShardText text = new ShardText(context.sql).text("SELECT ");
        if (columns.isEmpty()) {
            text.text("1");
        }
        for (int i = 0; i < columns.size(); i++) {
            text.text(i == 0 ? "" : ", ").append(columns.get(i));
        }
        text.text(" FROM ").span(context.spans.of(context.select().getFrom()));
        if (context.select().getWhere() != null) {
            text.text(" WHERE ").span(context.spans.of(context.select().getWhere()));
        }
        if (partial && !keys.isEmpty()) {
            text.text(" GROUP BY ");
            for (int i = 0; i < keys.size(); i++) {
                text.text(i == 0 ? "" : ", ").span(context.spans.of(keys.get(i)));
            }
        }
        return text;
    }

    RouterPlan.Combine combine() {
        return new RouterPlan.Combine.Query(combine, 0, true);
    }

    private String combineText() {
        StringBuilder sql = new StringBuilder("SELECT ");
        if (context.select().isDistinct()) {
            sql.append("DISTINCT ");
        }
        for (int i = 0; i < context.items.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append('(')
                    .append(rewrite(SelectContext.expression(context.items.get(i)))).append(")__dgout").append(i);
        }
        sql.append(" FROM __dgINTERMEDIATE");
        if (!keys.isEmpty()) {
            sql.append(" GROUP BY ");
            for (int i = 0; i < keys.size(); i++) {
                sql.append(i == 0 ? "" : ", ").append("__dg").append(i);
            }
        }
        if (context.select().getHaving() != null) {
            sql.append(" HAVING ").append(rewrite(context.select().getHaving()));
        }
        List<SqlNode> order = context.query.orderBy();
        for (int i = 0; i < order.size(); i++) {
            SqlNode expression = SelectContext.sortExpression(order.get(i));
            String key = context.ordinal(expression) >= 0 || context.aliasIndex(expression) >= 0
                    ? context.text(expression) : rewrite(expression);
            sql.append(i == 0 ? " ORDER BY " : ", ").append(key).append(context.sortModifiers(order.get(i)));
        }
        if (context.query.fetch() != null) {
            sql.append(" LIMIT ").append(context.text(context.query.fetch()));
        }
        if (context.query.offset() != null) {
            sql.append(" OFFSET ").append(context.text(context.query.offset()));
        }
        return sql.toString();
    }

    /** {@code node}'s text for the coordinator: group keys and aggregates replaced by intermediate columns. */
    private String rewrite(SqlNode node) {
        List<Replacement> replacements = new ArrayList<>();
        collect(node, replacements);
        return apply(node, replacements);
    }

    private String apply(SqlNode node, List<Replacement> replacements) {
        NodeSpans.Span span = context.spans.of(node);
        replacements.sort(Comparator.comparingInt(r -> r.span().start()));
        StringBuilder out = new StringBuilder();
        int at = span.start();
        for (Replacement r : replacements) {
            out.append(context.sql, at, r.span().start()).append(r.text());
            at = r.span().end();
        }
        return out.append(context.sql, at, span.end()).toString();
    }

    private void collect(SqlNode node, List<Replacement> replacements) {
        if (node == null) {
            return;
        }
        int key = keyIndex(node);
        if (key >= 0) {
            replacements.add(new Replacement(context.spans.of(node), "__dg" + key));
            return;
        }
        AggregateCall aggregate = AggregateCall.of(node, context.isAggregate);
        if (aggregate != null) {
            replacements.add(new Replacement(context.spans.of(node), partial ? merge(aggregate) : pulled(aggregate)));
            return;
        }
        if (node instanceof SqlIdentifier id && !id.isStar()) {
            throw new MultiShardPlanner.Decline("column \"" + id + "\" outside GROUP BY and aggregates");
        }
        if (node instanceof SqlSelect || node.getKind() == SqlKind.ORDER_BY || node.getKind() == SqlKind.WITH) {
            throw new MultiShardPlanner.Decline("subqueries in the select list, HAVING or ORDER BY of an aggregate "
                    + "query across shards");
        }
        SelectContext.children(node).forEach(child -> collect(child, replacements));
    }

    private int keyIndex(SqlNode node) {
        for (int i = 0; i < keys.size(); i++) {
            if (SelectContext.same(keys.get(i), node)) {
                return i;
            }
        }
        return -1;
    }

    /** Partial aggregates on the workers, finished on the coordinator. */
    private String merge(AggregateCall aggregate) {
        if (aggregate.name().equals("avg")) {
            NodeSpans.Span arguments = argumentSpan(aggregate);
            int sum = partialColumn(withFilter(aggregate, new ShardText(context.sql).text("sum(").span(arguments)
                    .text(")")));
            int count = partialColumn(withFilter(aggregate, new ShardText(context.sql).text("count(")
                    .span(arguments).text(")")));
            return "__dgavg" + sum + "_" + count;
        }
        int column = partialColumn(new ShardText(context.sql).span(context.spans.of(aggregate.expression())));
        return switch (aggregate.name()) {
            case "count" -> "sum(__dg" + column + ")::int8";
            case "sum" -> "sum(__dg" + column + ")__dgcast" + column;
            case "min", "max" -> aggregate.name() + "(__dg" + column + ")";
            case "bool_and", "every" -> "bool_and(__dg" + column + ")";
            case "bool_or" -> "bool_or(__dg" + column + ")";
            default -> throw new MultiShardPlanner.Decline("aggregate " + aggregate.name() + " across shards");
        };
    }

    private ShardText withFilter(AggregateCall aggregate, ShardText into) {
        if (aggregate.filter() != null) {
            into.text(" FILTER (WHERE ").span(context.spans.of(aggregate.filter())).text(")");
        }
        return into;
    }

    private NodeSpans.Span argumentSpan(AggregateCall aggregate) {
        List<SqlNode> operands = aggregate.call().getOperandList();
        if (operands.isEmpty()) {
            throw new MultiShardPlanner.Decline("aggregate " + aggregate.name() + " without arguments");
        }
        return new NodeSpans.Span(context.spans.of(operands.get(0)).start(),
                context.spans.of(operands.get(operands.size() - 1)).end());
    }

    /** Adds a worker column computing a partial aggregate; returns its index. */
    private int partialColumn(ShardText column) {
        columns.add(column);
        columnExpressions.add(null);
        return columns.size() - 1;
    }

    /** The aggregate itself on the coordinator, over the arguments pulled from every row. */
    private String pulled(AggregateCall aggregate) {
        List<Replacement> replacements = new ArrayList<>();
        SqlCall call = aggregate.call();
        for (SqlNode operand : call.getOperandList()) {
            if (operand instanceof SqlNodeList order) {
                pullSortKeys(order, replacements);
            } else if (operand != null && containsColumn(operand)) {
                replacements.add(new Replacement(context.spans.of(operand), "__dg" + column(operand)));
            }
        }
        if (aggregate.withinGroup() != null) {
            pullSortKeys(aggregate.withinGroup(), replacements);
        }
        if (aggregate.filter() != null) {
            replacements.add(new Replacement(context.spans.of(aggregate.filter()), "__dg" + column(aggregate.filter())));
        }
        return apply(aggregate.expression(), replacements);
    }

    private void pullSortKeys(SqlNodeList order, List<Replacement> replacements) {
        for (SqlNode item : order) {
            SqlNode expression = SelectContext.sortExpression(item);
            if (containsColumn(expression)) {
                replacements.add(new Replacement(context.spans.of(expression), "__dg" + column(expression)));
            }
        }
    }

    /** The worker column returning {@code expression} per row (reused when already pulled). */
    private int column(SqlNode expression) {
        for (int i = 0; i < columnExpressions.size(); i++) {
            if (columnExpressions.get(i) != null && SelectContext.same(columnExpressions.get(i), expression)) {
                return i;
            }
        }
        if (containsSubquery(expression)) {
            throw new MultiShardPlanner.Decline("subqueries inside aggregates across shards");
        }
        columns.add(new ShardText(context.sql).span(context.spans.of(expression)));
        columnExpressions.add(expression);
        return columns.size() - 1;
    }

    private static boolean containsColumn(SqlNode node) {
        if (node instanceof SqlIdentifier id) {
            return !id.isStar();
        }
        return SelectContext.children(node).stream().anyMatch(AggregateSplit::containsColumn);
    }

    private static boolean containsSubquery(SqlNode node) {
        if (node instanceof SqlSelect || node.getKind() == SqlKind.ORDER_BY || node.getKind() == SqlKind.WITH) {
            return true;
        }
        return SelectContext.children(node).stream().anyMatch(AggregateSplit::containsSubquery);
    }

    /** Text that replaces a node's span. */
    private record Replacement(NodeSpans.Span span, String text) {
    }
}
