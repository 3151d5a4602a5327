package io.distgres.planner.multishard;

import io.distgres.planner.plan.CombineStep;
import io.distgres.planner.plan.SqlFragment;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
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

    private AggregateSplit(SelectContext context) {
        this.context = context;
        this.keys = context.groupKeys();
        this.partial = allSplittable();
    }

    /** The split of {@code context}'s SELECT (checked by {@link SelectContext#unsupported}), or why there is none. */
    static Checked<SelectSplit> plan(SelectContext context) {
        if (!context.windowCalls().isEmpty()) {
            return Checked.declined("window functions over aggregates across shards");
        }
        if (context.hasStar()) {
            return Checked.declined("SELECT * with GROUP BY across shards");
        }
        if (!context.query.distinctOn().isEmpty()) {
            return Checked.declined("DISTINCT ON with aggregates across shards");
        }
        AggregateSplit split = new AggregateSplit(context);
        Optional<String> unsupported = split.unsupported();
        if (unsupported.isPresent()) {
            return Checked.declined(unsupported.get());
        }
        for (SqlNode key : split.keys) {
            split.column(key);
        }
        CombineStep combine = split.combine();
        return Checked.of(new SelectSplit(split.workerText(), combine));
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

    /** Why the coordinator cannot finish this query's aggregates from what the tasks return, or empty. */
    private Optional<String> unsupported() {
        List<SqlNode> roots = new ArrayList<>();
        context.items.forEach(item -> roots.add(SelectContext.expression(item)));
        roots.add(context.select().getHaving());
        for (SqlNode item : context.query.orderBy()) {
            SqlNode expression = SelectContext.sortExpression(item);
            if (context.ordinal(expression) < 0 && context.aliasIndex(expression) < 0) {
                roots.add(expression);
            }
        }
        for (SqlNode root : roots) {
            Optional<String> reason = unsupported(root);
            if (reason.isPresent()) {
                return reason;
            }
        }
        return Optional.empty();
    }

    private Optional<String> unsupported(SqlNode node) {
        if (node == null || keyIndex(node) >= 0) {
            return Optional.empty();
        }
        AggregateCall aggregate = AggregateCall.of(node, context.isAggregate);
        if (aggregate != null) {
            return partial ? partialUnsupported(aggregate) : pulledUnsupported(aggregate);
        }
        if (node instanceof SqlIdentifier id && !id.isStar()) {
            return Optional.of("column \"" + id + "\" outside GROUP BY and aggregates");
        }
        if (isSubquery(node)) {
            return Optional.of("subqueries in the select list, HAVING or ORDER BY of an aggregate query across shards");
        }
        for (SqlNode child : SelectContext.children(node)) {
            Optional<String> reason = unsupported(child);
            if (reason.isPresent()) {
                return reason;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> partialUnsupported(AggregateCall aggregate) {
        if (aggregate.name().equals("avg") && aggregate.call().getOperandList().isEmpty()) {
            return Optional.of("aggregate avg without arguments");
        }
        return Optional.empty();
    }

    /** The arguments of an aggregate run on the coordinator are pulled per row: no subqueries in them. */
    private static Optional<String> pulledUnsupported(AggregateCall aggregate) {
        List<SqlNode> pulled = new ArrayList<>();
        for (SqlNode operand : aggregate.call().getOperandList()) {
            if (operand instanceof SqlNodeList order) {
                order.forEach(item -> pulled.add(SelectContext.sortExpression(item)));
            } else if (operand != null) {
                pulled.add(operand);
            }
        }
        if (aggregate.withinGroup() != null) {
            aggregate.withinGroup().forEach(item -> pulled.add(SelectContext.sortExpression(item)));
        }
        boolean subquery = pulled.stream().anyMatch(node -> containsColumn(node) && containsSubquery(node))
                || (aggregate.filter() != null && containsSubquery(aggregate.filter()));
        return subquery ? Optional.of("subqueries inside aggregates across shards") : Optional.empty();
    }

    private ShardText workerText() {
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

    /** The combine step; adds the worker columns its aggregates need, in select list, HAVING, ORDER BY order. */
    private CombineStep combine() {
        List<SqlFragment> outputs = new ArrayList<>();
        for (SqlNode item : context.items) {
            outputs.add(rewrite(SelectContext.expression(item)));
        }
        SqlFragment having = context.select().getHaving() == null ? null : rewrite(context.select().getHaving());
        List<CombineStep.SortKey> order = new ArrayList<>();
        for (SqlNode item : context.query.orderBy()) {
            SqlNode expression = SelectContext.sortExpression(item);
            SqlFragment key = context.ordinal(expression) >= 0 || context.aliasIndex(expression) >= 0
                    ? SqlFragment.text(context.text(expression)) : rewrite(expression);
            order.add(new CombineStep.SortKey(key, SelectContext.descending(item), SelectContext.nulls(item)));
        }
        Long limit = context.constant(context.query.fetch());
        Long offset = context.constant(context.query.offset());
        return new CombineStep.Aggregate(partial ? CombineStep.Aggregate.Inputs.PARTIAL_AGGREGATES
                : CombineStep.Aggregate.Inputs.PULLED_ROWS, context.select().isDistinct(), outputs, keys.size(), having,
                order, limit == null ? -1 : limit, offset == null ? 0 : offset);
    }

    /** {@code node} for the coordinator: group keys and aggregates replaced by what the tasks return for them. */
    private SqlFragment rewrite(SqlNode node) {
        List<Replacement> replacements = new ArrayList<>();
        collect(node, replacements);
        return apply(node, replacements);
    }

    private SqlFragment apply(SqlNode node, List<Replacement> replacements) {
        NodeSpans.Span span = context.spans.of(node);
        replacements.sort(Comparator.comparingInt(r -> r.span().start()));
        List<SqlFragment.Piece> pieces = new ArrayList<>();
        int at = span.start();
        for (Replacement r : replacements) {
            addText(pieces, at, r.span().start());
            pieces.addAll(r.fragment().pieces());
            at = r.span().end();
        }
        addText(pieces, at, span.end());
        return new SqlFragment(pieces);
    }

    private void addText(List<SqlFragment.Piece> pieces, int start, int end) {
        if (end > start) {
            pieces.add(new SqlFragment.Text(context.sql.substring(start, end)));
        }
    }

    private void collect(SqlNode node, List<Replacement> replacements) {
        if (node == null) {
            return;
        }
        int key = keyIndex(node);
        if (key >= 0) {
            replacements.add(new Replacement(context.spans.of(node), SqlFragment.of(new SqlFragment.TaskColumn(key))));
            return;
        }
        AggregateCall aggregate = AggregateCall.of(node, context.isAggregate);
        if (aggregate != null) {
            replacements.add(new Replacement(context.spans.of(node), partial ? merge(aggregate) : pulled(aggregate)));
            return;
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
    private SqlFragment merge(AggregateCall aggregate) {
        if (aggregate.name().equals("avg")) {
            NodeSpans.Span arguments = argumentSpan(aggregate);
            int sum = partialColumn(withFilter(aggregate, new ShardText(context.sql).text("sum(").span(arguments)
                    .text(")")));
            int count = partialColumn(withFilter(aggregate, new ShardText(context.sql).text("count(")
                    .span(arguments).text(")")));
            return SqlFragment.of(new SqlFragment.FinishAverage(sum, count));
        }
        int column = partialColumn(new ShardText(context.sql).span(context.spans.of(aggregate.expression())));
        SqlFragment.FinalAggregate finish = switch (aggregate.name()) {
            case "count" -> SqlFragment.FinalAggregate.COUNT;
            case "sum" -> SqlFragment.FinalAggregate.SUM;
            case "min" -> SqlFragment.FinalAggregate.MIN;
            case "max" -> SqlFragment.FinalAggregate.MAX;
            case "bool_and", "every" -> SqlFragment.FinalAggregate.BOOL_AND;
            case "bool_or" -> SqlFragment.FinalAggregate.BOOL_OR;
            default -> throw new IllegalStateException("aggregate " + aggregate.name() + " does not split");
        };
        return SqlFragment.of(new SqlFragment.FinishAggregate(finish, column));
    }

    private ShardText withFilter(AggregateCall aggregate, ShardText into) {
        if (aggregate.filter() != null) {
            into.text(" FILTER (WHERE ").span(context.spans.of(aggregate.filter())).text(")");
        }
        return into;
    }

    private NodeSpans.Span argumentSpan(AggregateCall aggregate) {
        List<SqlNode> operands = aggregate.call().getOperandList();
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
    private SqlFragment pulled(AggregateCall aggregate) {
        List<Replacement> replacements = new ArrayList<>();
        SqlCall call = aggregate.call();
        for (SqlNode operand : call.getOperandList()) {
            if (operand instanceof SqlNodeList order) {
                pullSortKeys(order, replacements);
            } else if (operand != null && containsColumn(operand)) {
                replacements.add(pulledColumn(operand));
            }
        }
        if (aggregate.withinGroup() != null) {
            pullSortKeys(aggregate.withinGroup(), replacements);
        }
        if (aggregate.filter() != null) {
            replacements.add(pulledColumn(aggregate.filter()));
        }
        return apply(aggregate.expression(), replacements);
    }

    private void pullSortKeys(SqlNodeList order, List<Replacement> replacements) {
        for (SqlNode item : order) {
            SqlNode expression = SelectContext.sortExpression(item);
            if (containsColumn(expression)) {
                replacements.add(pulledColumn(expression));
            }
        }
    }

    private Replacement pulledColumn(SqlNode expression) {
        return new Replacement(context.spans.of(expression), SqlFragment.of(new SqlFragment.TaskColumn(
                column(expression))));
    }

    /** The worker column returning {@code expression} per row (reused when already pulled). */
    private int column(SqlNode expression) {
        for (int i = 0; i < columnExpressions.size(); i++) {
            if (columnExpressions.get(i) != null && SelectContext.same(columnExpressions.get(i), expression)) {
                return i;
            }
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

    private static boolean isSubquery(SqlNode node) {
        return node instanceof SqlSelect || node.getKind() == SqlKind.ORDER_BY || node.getKind() == SqlKind.WITH;
    }

    private static boolean containsSubquery(SqlNode node) {
        return isSubquery(node) || SelectContext.children(node).stream().anyMatch(AggregateSplit::containsSubquery);
    }

    /** What replaces a node's span. */
    private record Replacement(NodeSpans.Span span, SqlFragment fragment) {
    }
}
