package io.distgres.planner.multishard;

import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelectKeyword;
import org.apache.calcite.sql.SqlSyntax;

/**
 * One aggregate expression of a SELECT as written: the call, its FILTER condition, the ORDER BY
 * inside the call and the WITHIN GROUP ordering of ordered-set aggregates.
 *
 * @param expression  the whole expression (the FILTER or WITHIN GROUP node when there is one)
 * @param call        the aggregate function call
 * @param name        the function name, lower case
 * @param distinct    {@code agg(DISTINCT ...)}
 * @param orderInside {@code agg(x ORDER BY y)}'s ordering, or null
 * @param withinGroup {@code WITHIN GROUP (ORDER BY ...)}'s ordering, or null
 * @param filter      the FILTER (WHERE ...) condition, or null
 */
record AggregateCall(SqlNode expression, SqlBasicCall call, String name, boolean distinct, SqlNodeList orderInside,
                     SqlNodeList withinGroup, SqlNode filter) {
    /** Aggregates whose per-shard results combine into the exact result. */
    private static final Set<String> SPLITTABLE = Set.of("count", "sum", "min", "max", "avg", "bool_and", "bool_or",
            "every");

    private static final Set<SqlSyntax> FUNCTION_SYNTAX = Set.of(SqlSyntax.FUNCTION, SqlSyntax.FUNCTION_STAR,
            SqlSyntax.ORDERED_FUNCTION);

    /** The aggregate expression {@code node} is, or null when it is not one. */
    static AggregateCall of(SqlNode node, Predicate<String> isAggregate) {
        if (!(node instanceof SqlCall call)) {
            return null;
        }
        if (call.getKind() == SqlKind.FILTER) {
            AggregateCall inner = of(call.operand(0), isAggregate);
            return inner == null ? null : new AggregateCall(node, inner.call, inner.name, inner.distinct,
                    inner.orderInside, inner.withinGroup, call.operand(1));
        }
        if (call.getKind() == SqlKind.WITHIN_GROUP) {
            AggregateCall inner = of(call.operand(0), isAggregate);
            return inner == null ? null : new AggregateCall(node, inner.call, inner.name, inner.distinct,
                    inner.orderInside, (SqlNodeList) call.operand(1), null);
        }
        if (!(call instanceof SqlBasicCall basic) || !FUNCTION_SYNTAX.contains(basic.getOperator().getSyntax())) {
            return null;
        }
        String name = basic.getOperator().getName().toLowerCase(Locale.ROOT);
        if (!isAggregate.test(name)) {
            return null;
        }
        SqlNodeList order = null;
        for (SqlNode operand : basic.getOperandList()) {
            if (operand instanceof SqlNodeList list) {
                order = list;
            }
        }
        boolean distinct = basic.getFunctionQuantifier() != null
                && basic.getFunctionQuantifier().getValue() == SqlSelectKeyword.DISTINCT;
        return new AggregateCall(node, basic, name, distinct, order, null, null);
    }

    /** True when per-shard partial results of this aggregate combine into the exact result. */
    boolean splittable() {
        return SPLITTABLE.contains(name) && !distinct && orderInside == null && withinGroup == null;
    }
}
