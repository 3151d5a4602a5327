package io.distgres.planner.parser;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * Maps the parser's 1-based line/column positions back to 0-based offsets in the statement
 * text. Counts as the generated parser does: "\n", "\r\n" and a lone "\r" each end a line,
 * and every other char, a tab included (Calcite sets the tab size to 1), is one column.
 */
public final class SourcePositions {
    private final String sql;
    private final int[] lineStarts;

    public SourcePositions(String sql) {
        this.sql = requireNonNull(sql, "sql is null");
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 >= sql.length() || sql.charAt(i + 1) != '\n'))) {
                starts.add(i + 1);
            }
        }
        this.lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The 0-based offset of a 1-based line and column, clamped to [0, length]. */
    public int offset(int line, int column) {
        if (line < 1) {
            return 0;
        }
        if (line > lineStarts.length) {
            return sql.length();
        }
        return Math.max(0, Math.min(sql.length(), lineStarts[line - 1] + column - 1));
    }

    /** Offset of the first char of {@code pos}. */
    public int start(SqlParserPos pos) {
        return offset(pos.getLineNum(), pos.getColumnNum());
    }

    /** Offset just past the last char of {@code pos} (the parser's end column is inclusive). */
    public int end(SqlParserPos pos) {
        return Math.min(sql.length(), offset(pos.getEndLineNum(), pos.getEndColumnNum()) + 1);
    }
}
