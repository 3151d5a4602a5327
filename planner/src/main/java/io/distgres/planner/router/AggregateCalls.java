package io.distgres.planner.router;

import java.util.Locale;
import java.util.Set;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;

/**
 * Finds aggregate function calls in an expression tree (anywhere in it, subqueries and
 * {@code FILTER}/{@code OVER} wrappers included): the calls Calcite knows as aggregates and the
 * PostgreSQL aggregates it may only know by name. Walking the tree replaces printing it and
 * matching the text, which cost more than the rest of routing a point query.
 */
public final class AggregateCalls {
    private static final Set<String> NAMES = Set.of("count", "sum", "avg", "min", "max", "array_agg", "string_agg",
            "bool_and", "bool_or", "every", "json_agg", "jsonb_agg", "stddev", "variance");

    private AggregateCalls() {
    }

    /** True when {@code node} or anything under it calls an aggregate. */
    public static boolean anyIn(SqlNode node) {
        if (node instanceof SqlCall call) {
            if (call.getOperator().isAggregator()
                    || NAMES.contains(call.getOperator().getName().toLowerCase(Locale.ROOT))) {
                return true;
            }
            for (SqlNode operand : call.getOperandList()) {
                if (anyIn(operand)) {
                    return true;
                }
            }
        } else if (node instanceof SqlNodeList list) {
            for (SqlNode item : list) {
                if (anyIn(item)) {
                    return true;
                }
            }
        }
        return false;
    }
}
