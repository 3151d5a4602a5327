package io.distgres.planner.multishard;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlWindow;
import org.apache.calcite.util.Litmus;

/** What the multi-shard tier needs to know about a top-level SELECT, read once from its parse tree. */
final class SelectContext {
    final String sql;
    final NodeSpans spans;
    final MultiShardPlanner.SelectStatement query;
    final MultiShardPlanner.ShardGroups groups;
    final List<String> parameters;
    final Predicate<String> isAggregate;
    final List<SqlNode> items;

    SelectContext(String sql, NodeSpans spans, MultiShardPlanner.SelectStatement query,
                  MultiShardPlanner.ShardGroups groups, List<String> parameters, Predicate<String> isAggregate) {
        this.sql = sql;
        this.spans = spans;
        this.query = query;
        this.groups = groups;
        this.parameters = parameters;
        this.isAggregate = isAggregate;
        this.items = query.select().getSelectList().getList();
    }

    SqlSelect select() {
        return query.select();
    }

    String text(SqlNode node) {
        return spans.of(node).of(sql);
    }

    /** The select item's expression without its alias. */
    static SqlNode expression(SqlNode item) {
        return item instanceof SqlBasicCall call && call.getKind() == SqlKind.AS ? call.operand(0) : item;
    }

    /** The select item's explicit alias, or null. */
    static String alias(SqlNode item) {
        if (item instanceof SqlBasicCall call && call.getKind() == SqlKind.AS
                && call.operand(1) instanceof SqlIdentifier id) {
            return id.getSimple();
        }
        return null;
    }

    boolean hasStar() {
        return items.stream().anyMatch(item -> item instanceof SqlIdentifier id && id.isStar());
    }

    /** Index of the select item whose explicit alias is the bare name {@code node}, or -1. */
    int aliasIndex(SqlNode node) {
        if (node instanceof SqlIdentifier id && id.isSimple()) {
            for (int i = 0; i < items.size(); i++) {
                if (id.getSimple().equals(alias(items.get(i)))) {
                    return i;
                }
            }
        }
        return -1;
    }

    /** A 1-based ordinal position ({@code ORDER BY 2}) as a 0-based index, or -1. */
    int ordinal(SqlNode node) {
        if (node instanceof SqlNumericLiteral literal && literal.isInteger()) {
            int position = literal.intValue(true);
            if (position < 1 || position > items.size()) {
                throw new MultiShardPlanner.Decline("ORDER BY/GROUP BY position " + position + " out of range");
            }
            return position - 1;
        }
        return -1;
    }

    /** The GROUP BY keys with ordinals and select-list aliases resolved to their expressions. */
    List<SqlNode> groupKeys() {
        SqlNodeList group = select().getGroup();
        List<SqlNode> keys = new ArrayList<>();
        if (group == null) {
            return keys;
        }
        for (SqlNode key : group) {
            if (key.getKind() == SqlKind.ROLLUP || key.getKind() == SqlKind.CUBE
                    || key.getKind() == SqlKind.GROUPING_SETS) {
                throw new MultiShardPlanner.Decline("ROLLUP, CUBE and GROUPING SETS over distributed tables");
            }
            int ordinal = ordinal(key);
            if (ordinal >= 0) {
                keys.add(expression(items.get(ordinal)));
            } else {
                keys.add(key);
            }
        }
        return keys;
    }

    boolean groupedByDistributionColumn() {
        return groupKeys().stream().anyMatch(groups::isDistributionColumn);
    }

    /** True when the select list, HAVING or ORDER BY has an aggregate (outside window calls and subqueries). */
    boolean aggregates() {
        List<SqlNode> roots = new ArrayList<>(items);
        roots.add(select().getHaving());
        roots.addAll(query.orderBy());
        for (SqlNode root : roots) {
            if (containsAggregate(root)) {
                return true;
            }
        }
        return select().getGroup() != null || select().getHaving() != null;
    }

    private boolean containsAggregate(SqlNode node) {
        if (node == null || node instanceof SqlSelect) {
            return false;
        }
        if (AggregateCall.of(node, isAggregate) != null) {
            return true;
        }
        if (node instanceof SqlCall call && call.getKind() == SqlKind.OVER) {
            return containsAggregate(call.operand(1));
        }
        return children(node).stream().anyMatch(this::containsAggregate);
    }

    /** The window calls ({@code f() OVER (...)}) of the select list and ORDER BY. */
    List<SqlCall> windowCalls() {
        List<SqlCall> calls = new ArrayList<>();
        List<SqlNode> roots = new ArrayList<>(items);
        roots.addAll(query.orderBy());
        roots.forEach(root -> collectWindows(root, calls));
        return calls;
    }

    private void collectWindows(SqlNode node, List<SqlCall> calls) {
        if (node == null || node instanceof SqlSelect) {
            return;
        }
        if (node instanceof SqlCall call && call.getKind() == SqlKind.OVER) {
            calls.add(call);
            return;
        }
        children(node).forEach(child -> collectWindows(child, calls));
    }

    /** True when the window of {@code over} partitions by the distribution column. */
    boolean partitionedByDistributionColumn(SqlCall over) {
        if (!(over.operand(1) instanceof SqlWindow window)) {
            return false;
        }
        return window.getPartitionList().getList().stream().anyMatch(groups::isDistributionColumn);
    }

    /** A LIMIT/OFFSET value known at planning time (literal or bound parameter), or null. */
    Long constant(SqlNode node) {
        if (node == null) {
            return null;
        }
        String text = null;
        if (node instanceof SqlBasicCall cast && cast.getKind() == SqlKind.CAST) {
            return constant(cast.operand(0));
        }
        if (node instanceof org.apache.calcite.sql.SqlCharStringLiteral literal) {
            text = literal.getValueAs(String.class);
        } else if (node instanceof SqlNumericLiteral literal && literal.isInteger()) {
            text = literal.toValue();
        } else if (node instanceof SqlDynamicParam param && param.getIndex() < parameters.size()) {
            text = parameters.get(param.getIndex());
        }
        if (text == null) {
            throw new MultiShardPlanner.Decline("LIMIT/OFFSET that are not integer constants");
        }
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new MultiShardPlanner.Decline("LIMIT/OFFSET that are not integer constants");
        }
    }

    /** Strips DESC / NULLS FIRST / NULLS LAST from an ORDER BY item. */
    static SqlNode sortExpression(SqlNode item) {
        SqlNode at = item;
        while (at instanceof SqlBasicCall call && (call.getKind() == SqlKind.DESCENDING
                || call.getKind() == SqlKind.NULLS_FIRST || call.getKind() == SqlKind.NULLS_LAST)) {
            at = call.operand(0);
        }
        if (at instanceof SqlBasicCall call && call.getOperator().getName().equalsIgnoreCase("COLLATE")) {
            throw new MultiShardPlanner.Decline("ORDER BY ... COLLATE over several shards");
        }
        return at;
    }

    /** The text after an ORDER BY item's expression: " DESC NULLS LAST" and the like. */
    String sortModifiers(SqlNode item) {
        SqlNode expression = sortExpression(item);
        return sql.substring(spans.of(expression).end(), spans.of(item).end());
    }

    static boolean same(SqlNode a, SqlNode b) {
        return a.equalsDeep(b, Litmus.IGNORE);
    }

    /** Direct children of a node (operands or list items), nulls dropped. */
    static List<SqlNode> children(SqlNode node) {
        List<SqlNode> out = new ArrayList<>();
        if (node instanceof SqlNodeList list) {
            for (SqlNode item : list) {
                if (item != null) {
                    out.add(item);
                }
            }
        } else if (node instanceof SqlCall call) {
            for (SqlNode operand : call.getOperandList()) {
                if (operand != null) {
                    out.add(operand);
                }
            }
        }
        return out;
    }
}
