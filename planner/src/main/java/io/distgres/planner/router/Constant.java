package io.distgres.planner.router;

import java.util.List;
import java.util.Optional;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;

/**
 * The value a constant of a statement stands for: a literal, a bound {@code $n}, a cast of one, or
 * a negated number literal, as text (null for NULL) — what a distribution column is pinned to.
 *
 * @param text the value as text, null for NULL
 */
public record Constant(String text) {

    /** {@code node}'s value with {@code parameters} bound (null = NULL), or empty when it is no constant. */
    public static Optional<Constant> of(SqlNode node, List<String> parameters) {
        if (node instanceof SqlDynamicParam param) {
            int index = param.getIndex();
            return index < parameters.size() ? Optional.of(new Constant(parameters.get(index))) : Optional.empty();
        }
        if (node instanceof SqlLiteral literal) {
            if (literal.getValue() == null) {
                return Optional.of(new Constant(null));
            }
            Object value = literal.toValue();
            return Optional.of(new Constant(value == null ? null : value.toString()));
        }
        if (node instanceof SqlCall call && call.getKind() == SqlKind.CAST) {
            return of(call.operand(0), parameters);
        }
        if (node instanceof SqlCall call && call.getKind() == SqlKind.MINUS_PREFIX
                && call.operand(0) instanceof SqlLiteral) {
            Optional<Constant> inner = of(call.operand(0), parameters);
            return inner.isPresent() && !inner.get().isNull() ? Optional.of(new Constant("-" + inner.get().text()))
                    : Optional.empty();
        }
        return Optional.empty();
    }

    public boolean isNull() {
        return text == null;
    }
}
