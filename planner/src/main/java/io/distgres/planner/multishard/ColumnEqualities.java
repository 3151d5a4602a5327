package io.distgres.planner.multishard;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;

/**
 * Which columns a statement equates: {@code a.x = b.y} conjuncts of WHERE and of every JOIN's ON
 * (outer joins too: matching rows of an outer join still have equal values). Used to tell
 * whether co-located tables are joined on their distribution columns, so each shard group can
 * join its own rows.
 */
final class ColumnEqualities {
    /** A column as written: qualifier (table name or alias, null when unqualified) and name. */
    record Column(String qualifier, String name) {
    }

    private final Map<Column, Column> parent = new HashMap<>();

    /** Adds the equalities of a FROM clause's join conditions. */
    void addJoinConditions(SqlNode from) {
        if (from instanceof SqlJoin join) {
            addJoinConditions(join.getLeft());
            addJoinConditions(join.getRight());
            addConjuncts(join.getCondition());
        }
    }

    /** Adds the equalities among the AND-ed conjuncts of {@code condition}. */
    void addConjuncts(SqlNode condition) {
        if (!(condition instanceof SqlBasicCall call)) {
            return;
        }
        if (call.getKind() == SqlKind.AND) {
            call.getOperandList().forEach(this::addConjuncts);
        } else if (call.getKind() == SqlKind.EQUALS) {
            Column left = column(call.operand(0));
            Column right = column(call.operand(1));
            if (left != null && right != null) {
                Column a = find(left);
                Column b = find(right);
                if (!a.equals(b)) {
                    parent.put(a, b);
                }
            }
        }
    }

    boolean equal(Column a, Column b) {
        return find(a).equals(find(b));
    }

    /** The column {@code node} names, or null when it is not a plain column reference. */
    static Column column(SqlNode node) {
        if (node instanceof SqlIdentifier id && !id.isStar()) {
            List<String> names = id.names;
            if (names.size() == 1) {
                return new Column(null, names.get(0));
            }
            return new Column(names.get(names.size() - 2), names.get(names.size() - 1));
        }
        return null;
    }

    private Column find(Column column) {
        Column at = column;
        while (parent.containsKey(at)) {
            at = parent.get(at);
        }
        return at;
    }
}
