package io.distgres.planner.multishard;

import io.distgres.planner.plan.CombineStep;
import io.distgres.planner.plan.SqlFragment;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlNode;

/**
 * A SELECT every shard group answers completely for its own rows: no aggregates across groups
 * (plain rows, or grouped by the distribution column), window functions partitioned by the
 * distribution column. Each task runs the statement (with ORDER BY + LIMIT limit+offset pushed
 * down); the coordinator concatenates, or re-applies DISTINCT / ORDER BY / LIMIT / OFFSET.
 */
final class FullPushdown {
    private final SelectContext context;
    private final List<SqlNode> hidden;
    private final List<CombineStep.SortKey> sortKeys;
    private final List<Integer> distinctKeys;
    private final Long limit;
    private final long offset;

    private FullPushdown(SelectContext context, List<SqlNode> hidden, List<CombineStep.SortKey> sortKeys,
                         List<Integer> distinctKeys) {
        this.context = context;
        this.hidden = hidden;
        this.sortKeys = sortKeys;
        this.distinctKeys = distinctKeys;
        this.limit = context.constant(context.query.fetch());
        Long skip = context.constant(context.query.offset());
        this.offset = skip == null ? 0 : skip;
    }

    /** The split of {@code context}'s SELECT (checked by {@link SelectContext#unsupported}), or why there is none. */
    static Checked<SelectSplit> plan(SelectContext context) {
        for (SqlCall over : context.windowCalls()) {
            if (!context.partitionedByDistributionColumn(over)) {
                return Checked.declined("window functions not partitioned by the distribution column");
            }
        }
        boolean distinct = context.select().isDistinct() || !context.query.distinctOn().isEmpty();
        List<Integer> distinctKeys = new ArrayList<>();
        for (SqlNode key : context.query.distinctOn()) {
            int column = outputColumn(context, key);
            if (column < 0) {
                return Checked.declined("DISTINCT ON expressions that are not in the select list");
            }
            distinctKeys.add(column);
        }
        List<SqlNode> hidden = new ArrayList<>();
        List<CombineStep.SortKey> sortKeys = new ArrayList<>();
        for (SqlNode item : context.query.orderBy()) {
            SqlNode expression = SelectContext.sortExpression(item);
            int column = outputColumn(context, expression);
            SqlFragment.Piece key;
            if (column >= 0) {
                key = new SqlFragment.TaskColumn(column);
            } else if (distinct) {
                return Checked.declined("ORDER BY expressions outside the select list of DISTINCT");
            } else {
                key = new SqlFragment.HiddenColumn(hidden.size());
                hidden.add(expression);
            }
            sortKeys.add(new CombineStep.SortKey(SqlFragment.of(key), SelectContext.descending(item),
                    SelectContext.nulls(item)));
        }
        FullPushdown pushdown = new FullPushdown(context, hidden, sortKeys, distinctKeys);
        return Checked.of(new SelectSplit(pushdown.workerText(), pushdown.combine()));
    }

    /** The output column holding {@code expression}'s value, or -1 when it is not an output column. */
    private static int outputColumn(SelectContext context, SqlNode expression) {
        int ordinal = context.ordinal(expression);
        if (ordinal >= 0) {
            return ordinal;
        }
        if (context.hasStar()) {
            return -1;
        }
        int aliased = context.aliasIndex(expression);
        if (aliased >= 0) {
            return aliased;
        }
        for (int i = 0; i < context.items.size(); i++) {
            if (SelectContext.same(SelectContext.expression(context.items.get(i)), expression)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The prefix of the hidden sort columns' names on the workers: one the statement does not
     * contain, so the user's ORDER BY cannot name a hidden column by accident (the combine step
     * itself reads gathered columns by position, never by name).
     */
    private static String hiddenColumnAlias(String sql) {
        String alias = "__dgh";
        while (sql.contains(alias)) {
            alias = "_" + alias;
        }
        return alias;
    }

    private ShardText workerText() {
        NodeSpans.Span select = context.spans.of(context.select());
        NodeSpans.Span list = context.spans.of(context.select().getSelectList());
        ShardText text = new ShardText(context.sql).span(select.start(), list.end());
        String alias = hiddenColumnAlias(context.sql);
        for (int i = 0; i < hidden.size(); i++) {
            text.text(", ").span(context.spans.of(hidden.get(i))).text(" AS " + alias + i);
        }
        text.span(list.end(), select.end());
        // DISTINCT ON keeps the first row of each group in ORDER BY order: every shard must order too
        boolean order = limit != null || !distinctKeys.isEmpty();
        if (order && !context.query.orderBy().isEmpty()) {
            List<SqlNode> items = context.query.orderBy();
            text.text(" ORDER BY ").span(context.spans.of(items.get(0)).start(),
                    context.spans.of(items.get(items.size() - 1)).end());
        }
        if (limit != null) {
            text.text(" LIMIT " + Math.addExact(limit, offset));
        }
        return text;
    }

    private CombineStep combine() {
        boolean distinct = context.select().isDistinct();
        long rows = limit == null ? -1 : limit;
        if (!distinct && distinctKeys.isEmpty() && sortKeys.isEmpty()) {
            return new CombineStep.Concatenate(rows, offset);
        }
        return new CombineStep.Merge(distinct, distinctKeys, sortKeys, hidden.size(), rows, offset);
    }
}
