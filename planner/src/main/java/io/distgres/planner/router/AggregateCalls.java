package io.distgres.planner.router;

import java.util.Locale;
import java.util.Set;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.util.SqlBasicVisitor;

/**
 * Finds aggregate function calls in an expression tree (anywhere in it, subqueries and
 * {@code FILTER}/{@code OVER} wrappers included): the calls Calcite knows as aggregates and the
 * PostgreSQL aggregates it may only know by name. Walking the tree replaces printing it and
 * matching the text, which cost more than the rest of routing a point query.
 */
final class AggregateCalls {
    private static final Set<String> NAMES = Set.of("count", "sum", "avg", "min", "max", "array_agg", "string_agg",
            "bool_and", "bool_or", "every", "json_agg", "jsonb_agg", "stddev", "variance");

    private AggregateCalls() {
    }

    static boolean anyIn(SqlNode node) {
        if (node == null) {
            return false;
        }
        try {
            node.accept(new SqlBasicVisitor<Void>() {
                @Override
                public Void visit(SqlCall call) {
                    if (call.getOperator().isAggregator()
                            || NAMES.contains(call.getOperator().getName().toLowerCase(Locale.ROOT))) {
                        throw Found.INSTANCE;
                    }
                    return super.visit(call);
                }
            });
            return false;
        } catch (Found found) {
            return true;
        }
    }

    /** Ends the walk at the first aggregate. */
    private static final class Found extends RuntimeException {
        static final Found INSTANCE = new Found();

        private Found() {
            super(null, null, false, false);
        }
    }
}
