package io.distgres.planner.multishard;

import io.distgres.planner.router.RouterPlan;
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
    private final List<SqlNode> hidden = new ArrayList<>();
    private final List<String> sortKeys = new ArrayList<>();
    private final List<String> distinctKeys = new ArrayList<>();
    private final Long limit;
    private final long offset;

    FullPushdown(SelectContext context) {
        this.context = context;
        for (SqlCall over : context.windowCalls()) {
            if (!context.partitionedByDistributionColumn(over)) {
                throw new MultiShardPlanner.Decline("window functions not partitioned by the distribution column");
            }
        }
        boolean distinct = context.select().isDistinct() || !context.query.distinctOn().isEmpty();
        for (SqlNode key : context.query.distinctOn()) {
            String column = outputColumn(key);
            if (column == null) {
                throw new MultiShardPlanner.Decline("DISTINCT ON expressions that are not in the select list");
            }
            distinctKeys.add(column);
        }
        for (SqlNode item : context.query.orderBy()) {
            SqlNode expression = SelectContext.sortExpression(item);
            String column = outputColumn(expression);
            if (column == null) {
                if (distinct) {
                    throw new MultiShardPlanner.Decline("ORDER BY expressions outside the select list of DISTINCT");
                }
                column = "__dgh" + hidden.size();
                hidden.add(expression);
            }
            sortKeys.add(column + context.sortModifiers(item));
        }
        this.limit = context.constant(context.query.fetch());
        Long skip = context.constant(context.query.offset());
        this.offset = skip == null ? 0 : skip;
    }

    /** The intermediate column holding {@code expression}'s value, or null when it is not an output column. */
    private String outputColumn(SqlNode expression) {
        int ordinal = context.ordinal(expression);
        if (ordinal >= 0) {
            return "__dg" + ordinal;
        }
        if (context.hasStar()) {
            return null;
        }
        int aliased = context.aliasIndex(expression);
        if (aliased >= 0) {
            return "__dg" + aliased;
        }
        for (int i = 0; i < context.items.size(); i++) {
            if (SelectContext.same(SelectContext.expression(context.items.get(i)), expression)) {
                return "__dg" + i;
            }
        }
        return null;
    }

    ShardText workerText() {
        NodeSpans.Span select = context.spans.of(context.select());
        NodeSpans.Span list = context.spans.of(context.select().getSelectList());
        ShardText text = new ShardText(context.sql).span(select.start(), list.end());
        for (int i = 0; i < hidden.size(); i++) {
            text.text(", ").span(context.spans.of(hidden.get(i))).text(" AS __dgh" + i);
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

    RouterPlan.Combine combine() {
        boolean distinct = context.select().isDistinct() || !distinctKeys.isEmpty();
        if (!distinct && sortKeys.isEmpty()) {
            return new RouterPlan.Combine.Concatenate(limit == null ? -1 : limit, offset);
        }
        StringBuilder sql = new StringBuilder("SELECT ");
        if (!distinctKeys.isEmpty()) {
            sql.append("DISTINCT ON (").append(String.join(", ", distinctKeys)).append(") ");
        } else if (distinct) {
            sql.append("DISTINCT ");
        }
        sql.append("__dgVISIBLE FROM __dgINTERMEDIATE");
        if (!sortKeys.isEmpty()) {
            sql.append(" ORDER BY ").append(String.join(", ", sortKeys));
        }
        if (context.query.fetch() != null) {
            sql.append(" LIMIT ").append(context.text(context.query.fetch()));
        }
        if (context.query.offset() != null) {
            sql.append(" OFFSET ").append(context.text(context.query.offset()));
        }
        return new RouterPlan.Combine.Query(sql.toString(), hidden.size(), false);
    }
}
