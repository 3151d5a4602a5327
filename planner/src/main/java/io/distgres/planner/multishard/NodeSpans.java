package io.distgres.planner.multishard;

import io.distgres.planner.parser.SourcePositions;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * The exact text range of a parse-tree node: the smallest start and largest end over the node
 * and everything under it (Calcite places some nodes, joins for one, at a keyword only).
 */
final class NodeSpans {
    private final SourcePositions positions;
    private final int length;
    private final String sql;

    NodeSpans(String sql) {
        this.positions = new SourcePositions(sql);
        this.length = sql.length();
        this.sql = sql;
    }

    String sql() {
        return sql;
    }

    /** [start, end) of {@code node} in the statement text. */
    Span of(SqlNode node) {
        int[] range = {Integer.MAX_VALUE, -1};
        widen(node, range);
        if (range[1] < 0) {
            return new Span(0, 0);
        }
        return new Span(range[0], Math.min(length, range[1]));
    }

    private void widen(SqlNode node, int[] range) {
        if (node == null) {
            return;
        }
        SqlParserPos pos = node.getParserPosition();
        boolean symbol = node instanceof SqlLiteral literal && literal.getTypeName() == SqlTypeName.SYMBOL;
        if (pos != null && pos.getLineNum() > 0 && !(node instanceof SqlNodeList) && !symbol) {
            range[0] = Math.min(range[0], positions.start(pos));
            range[1] = Math.max(range[1], positions.end(pos));
        }
        if (node instanceof SqlNodeList list) {
            for (SqlNode item : list) {
                widen(item, range);
            }
        } else if (node instanceof SqlCall call) {
            for (SqlNode operand : call.getOperandList()) {
                widen(operand, range);
            }
        }
    }

    /** A [start, end) range of the statement text. */
    record Span(int start, int end) {
        String of(String sql) {
            return sql.substring(start, end);
        }

        boolean contains(int offset) {
            return offset >= start && offset < end;
        }
    }
}
