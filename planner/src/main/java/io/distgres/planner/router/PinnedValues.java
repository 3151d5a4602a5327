package io.distgres.planner.router;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;

/**
 * Which values the top-level conditions of a statement pin columns to: {@code col = constant},
 * {@code col IN (constants)} and {@code a.col = b.col} (which makes both columns share their
 * values), read from the AND-ed conjuncts of WHERE and JOIN ... ON. Anything under OR or NOT is
 * ignored, so a column is reported pinned only when every row the statement touches has one of
 * the reported values.
 */
final class PinnedValues {
    /** A column as written: qualifier (table name or alias, may be null) and column name. */
    record ColumnRef(String qualifier, String column) {
    }

    private final List<String> parameters;
    private final Map<ColumnRef, ColumnRef> parent = new HashMap<>();
    private final Map<ColumnRef, Set<String>> values = new HashMap<>();
    private final List<ColumnRef> columns = new ArrayList<>();

    PinnedValues(List<String> parameters) {
        this.parameters = parameters;
    }

    void addConditionsOf(SqlNode node) {
        if (node == null) {
            return;
        }
        if (node instanceof SqlJoin join) {
            addConditionsOf(join.getLeft());
            addConditionsOf(join.getRight());
            if (join.getCondition() != null && join.getJoinType() == org.apache.calcite.sql.JoinType.INNER) {
                addConjunct(join.getCondition());
            }
            return;
        }
        addConjunct(node);
    }

    void addConjunct(SqlNode condition) {
        if (!(condition instanceof SqlBasicCall call)) {
            return;
        }
        if (call.getKind() == SqlKind.AND) {
            call.getOperandList().forEach(this::addConjunct);
        } else if (call.getKind() == SqlKind.EQUALS) {
            SqlNode left = call.operand(0);
            SqlNode right = call.operand(1);
            ColumnRef l = column(left);
            ColumnRef r = column(right);
            if (l != null && r != null) {
                union(l, r);
            } else if (l != null && constant(right) != Unpinned.VALUE) {
                pin(l, List.of(String.valueOf(constant(right))), constant(right) == null);
            } else if (r != null && constant(left) != Unpinned.VALUE) {
                pin(r, List.of(String.valueOf(constant(left))), constant(left) == null);
            }
        } else if (call.getKind() == SqlKind.IN && call.operand(1) instanceof SqlNodeList list) {
            ColumnRef c = column(call.operand(0));
            if (c == null) {
                return;
            }
            List<String> pinned = new ArrayList<>();
            for (SqlNode item : list) {
                Object value = constant(item);
                if (value == Unpinned.VALUE) {
                    return;
                }
                if (value != null) {
                    pinned.add((String) value);
                }
            }
            pin(c, pinned, false);
        }
    }

    /** The values {@code ref}'s equality class is pinned to, or null when unpinned. */
    Set<String> valuesOf(ColumnRef ref) {
        return values.get(find(ref));
    }

    /** Every column reference seen, for matching unqualified names. */
    List<ColumnRef> columns() {
        return columns;
    }

    private void pin(ColumnRef column, List<String> pinned, boolean isNull) {
        ColumnRef root = find(column);
        Set<String> current = values.get(root);
        Set<String> next = new LinkedHashSet<>(isNull ? List.of() : pinned);
        if (current != null) {
            next.retainAll(current);
        }
        values.put(root, next);
    }

    private void union(ColumnRef a, ColumnRef b) {
        ColumnRef ra = find(a);
        ColumnRef rb = find(b);
        if (ra.equals(rb)) {
            return;
        }
        parent.put(ra, rb);
        Set<String> va = values.remove(ra);
        if (va != null) {
            Set<String> vb = values.get(rb);
            if (vb == null) {
                values.put(rb, va);
            } else {
                vb.retainAll(va);
            }
        }
    }

    private ColumnRef find(ColumnRef ref) {
        if (!parent.containsKey(ref)) {
            if (!columns.contains(ref)) {
                columns.add(ref);
            }
            return ref;
        }
        ColumnRef root = find(parent.get(ref));
        parent.put(ref, root);
        return root;
    }

    private static ColumnRef column(SqlNode node) {
        if (node instanceof SqlIdentifier id && !id.isStar()) {
            List<String> names = id.names;
            if (names.size() == 1) {
                return new ColumnRef(null, names.get(0));
            }
            return new ColumnRef(names.get(names.size() - 2), names.get(names.size() - 1));
        }
        return null;
    }

    private enum Unpinned { VALUE }

    /** The constant's text, null for NULL, or {@link Unpinned#VALUE} when it is not a constant. */
    Object constant(SqlNode node) {
        if (node instanceof SqlDynamicParam param) {
            int index = param.getIndex();
            return index < parameters.size() ? parameters.get(index) : Unpinned.VALUE;
        }
        if (node instanceof SqlLiteral literal) {
            if (literal.getValue() == null) {
                return null;
            }
            Object value = literal.toValue();
            return value == null ? null : value.toString();
        }
        if (node instanceof SqlCall call && call.getKind() == SqlKind.CAST) {
            return constant(call.operand(0));
        }
        if (node instanceof SqlCall call && call.getKind() == SqlKind.MINUS_PREFIX) {
            Object inner = constant(call.operand(0));
            return inner instanceof String s && call.operand(0) instanceof SqlLiteral ? "-" + s : Unpinned.VALUE;
        }
        return Unpinned.VALUE;
    }

    /** True when {@code node} is a constant or parameter (possibly NULL). */
    boolean isConstant(SqlNode node) {
        return constant(node) != Unpinned.VALUE;
    }
}
