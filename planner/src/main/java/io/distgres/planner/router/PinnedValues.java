package io.distgres.planner.router;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;

/**
 * Which values the top-level conditions of a statement pin columns to: {@code col = constant},
 * {@code col IN (constants)} and {@code a.col = b.col} (which makes both columns share their
 * values), read from the AND-ed conjuncts of WHERE and JOIN ... ON. Anything under OR or NOT is
 * ignored, so a column is reported pinned only when every row the statement touches has one of
 * the reported values.
 */
public final class PinnedValues {
    /** A column as written: qualifier (table name or alias, may be null) and column name. */
    public record ColumnRef(String qualifier, String column) {
    }

    private final List<String> parameters;
    private final Map<ColumnRef, ColumnRef> parent = new HashMap<>();
    private final Map<ColumnRef, Set<String>> values = new HashMap<>();
    private final List<ColumnRef> columns = new ArrayList<>();

    public PinnedValues(List<String> parameters) {
        this.parameters = parameters;
    }

    /** Adds the conjuncts of {@code node}, a FROM item or join tree, from its inner joins' ON conditions. */
    public void addConditionsOf(SqlNode node) {
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

    /** Adds the AND-ed conjuncts of {@code condition}. */
    public void addConjunct(SqlNode condition) {
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
            } else if (l != null && constant(right).isPresent()) {
                pin(l, constant(right).get());
            } else if (r != null && constant(left).isPresent()) {
                pin(r, constant(left).get());
            }
        } else if (call.getKind() == SqlKind.IN && call.operand(1) instanceof SqlNodeList list) {
            ColumnRef c = column(call.operand(0));
            if (c == null) {
                return;
            }
            List<String> pinned = new ArrayList<>();
            for (SqlNode item : list) {
                Optional<Constant> value = constant(item);
                if (value.isEmpty()) {
                    return;
                }
                if (!value.get().isNull()) {
                    pinned.add(value.get().text());
                }
            }
            pin(c, pinned);
        }
    }

    /** The values {@code ref}'s equality class is pinned to, or null when unpinned. */
    public Set<String> valuesOf(ColumnRef ref) {
        return values.get(find(ref));
    }

    /** Every column reference seen, for matching unqualified names. */
    List<ColumnRef> columns() {
        return columns;
    }

    /** {@code column = value}: a NULL matches no row, so it pins the column to no value at all. */
    private void pin(ColumnRef column, Constant value) {
        pin(column, value.isNull() ? List.of() : List.of(value.text()));
    }

    private void pin(ColumnRef column, List<String> pinned) {
        ColumnRef root = find(column);
        Set<String> current = values.get(root);
        Set<String> next = new LinkedHashSet<>(pinned);
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

    /** {@code node}'s constant value, or empty when it is not a constant. */
    Optional<Constant> constant(SqlNode node) {
        return Constant.of(node, parameters);
    }

    /** True when {@code node} is a constant or parameter (possibly NULL). */
    boolean isConstant(SqlNode node) {
        return constant(node).isPresent();
    }
}
