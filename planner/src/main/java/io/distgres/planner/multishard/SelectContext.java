package io.distgres.planner.multishard;

import io.distgres.planner.plan.CombineStep;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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

    /** A 1-based ordinal position ({@code ORDER BY 2}) as a 0-based index, or -1 ({@link #unsupported} checks the range). */
    int ordinal(SqlNode node) {
        if (node instanceof SqlNumericLiteral literal && literal.isInteger()) {
            int position = literal.intValue(true);
            return position < 1 || position > items.size() ? -1 : position - 1;
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

    /** A LIMIT/OFFSET value known at planning time (literal or bound parameter), or null when absent or not one. */
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
            return null;
        }
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * Why the coordinator cannot combine this SELECT's results whatever its shape, or empty:
     * GROUP BY / ORDER BY / DISTINCT ON positions out of range, grouping sets, collations in
     * ORDER BY, LIMIT/OFFSET that are not constants.
     */
    Optional<String> unsupported() {
        SqlNodeList group = select().getGroup();
        for (SqlNode key : group == null ? List.<SqlNode>of() : group.getList()) {
            if (key.getKind() == SqlKind.ROLLUP || key.getKind() == SqlKind.CUBE
                    || key.getKind() == SqlKind.GROUPING_SETS) {
                return Optional.of("ROLLUP, CUBE and GROUPING SETS over distributed tables");
            }
        }
        List<SqlNode> positioned = new ArrayList<>(group == null ? List.of() : group.getList());
        for (SqlNode item : query.orderBy()) {
            if (collated(item)) {
                return Optional.of("ORDER BY ... COLLATE over several shards");
            }
            positioned.add(sortExpression(item));
        }
        positioned.addAll(query.distinctOn());
        for (SqlNode node : positioned) {
            if (node instanceof SqlNumericLiteral literal && literal.isInteger()) {
                int position = literal.intValue(true);
                if (position < 1 || position > items.size()) {
                    return Optional.of("ORDER BY/GROUP BY position " + position + " out of range");
                }
            }
        }
        for (SqlNode bound : java.util.Arrays.asList(query.fetch(), query.offset())) {
            if (bound != null && constant(bound) == null) {
                return Optional.of("LIMIT/OFFSET that are not integer constants");
            }
        }
        return Optional.empty();
    }

    /** True when an ORDER BY item sorts by a collation of its own. */
    static boolean collated(SqlNode item) {
        return sortExpression(item) instanceof SqlBasicCall call
                && call.getOperator().getName().equalsIgnoreCase("COLLATE");
    }

    /** Strips DESC / NULLS FIRST / NULLS LAST from an ORDER BY item. */
    static SqlNode sortExpression(SqlNode item) {
        SqlNode at = item;
        while (at instanceof SqlBasicCall call && (call.getKind() == SqlKind.DESCENDING
                || call.getKind() == SqlKind.NULLS_FIRST || call.getKind() == SqlKind.NULLS_LAST)) {
            at = call.operand(0);
        }
        return at;
    }

    /** True when an ORDER BY item says DESC. */
    static boolean descending(SqlNode item) {
        return hasWrapper(item, SqlKind.DESCENDING);
    }

    /** Where an ORDER BY item puts NULLs. */
    static CombineStep.Nulls nulls(SqlNode item) {
        if (hasWrapper(item, SqlKind.NULLS_FIRST)) {
            return CombineStep.Nulls.FIRST;
        }
        return hasWrapper(item, SqlKind.NULLS_LAST) ? CombineStep.Nulls.LAST : CombineStep.Nulls.DEFAULT;
    }

    private static boolean hasWrapper(SqlNode item, SqlKind kind) {
        SqlNode at = item;
        while (at instanceof SqlBasicCall call && (call.getKind() == SqlKind.DESCENDING
                || call.getKind() == SqlKind.NULLS_FIRST || call.getKind() == SqlKind.NULLS_LAST)) {
            if (call.getKind() == kind) {
                return true;
            }
            at = call.operand(0);
        }
        return false;
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
