package io.distgres.coordinator.execution;

import io.distgres.coordinator.error.PgException;
import io.distgres.proto.worker.v1.Column;
import io.distgres.sqlstate.SqlState;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows gathered from tasks, to be read by a query on the coordinator's PostgreSQL without a
 * temporary table: each column travels as one {@code text[]} parameter and the query unnests
 * and casts them back to the workers' types. Bounded by a row limit.
 */
final class IntermediateResult {
    private final List<Column> columns;
    private final List<byte[][]> rows = new ArrayList<>();
    private final long rowLimit;

    IntermediateResult(List<Column> columns, long rowLimit) {
        this.columns = List.copyOf(columns);
        this.rowLimit = rowLimit;
    }

    List<Column> columns() {
        return columns;
    }

    void add(byte[][] row) {
        if (rows.size() >= rowLimit) {
            throw tooManyRows(rowLimit);
        }
        rows.add(row);
    }

    static PgException tooManyRows(long limit) {
        return new PgException(SqlState.PROGRAM_LIMIT_EXCEEDED, "the coordinator would have to gather more than "
                + limit + " rows from the shards to run this statement (SET " + RowLimit.SETTING + " to allow more)");
    }

    /** One {@code text[]} literal per column. */
    List<String> columnArrays() {
        List<String> arrays = new ArrayList<>(columns.size());
        for (int c = 0; c < columns.size(); c++) {
            StringBuilder array = new StringBuilder(16 + rows.size() * 8).append('{');
            for (int r = 0; r < rows.size(); r++) {
                if (r > 0) {
                    array.append(',');
                }
                ArrayLiterals.appendElement(array, rows.get(r)[c]);
            }
            arrays.add(array.append('}').toString());
        }
        return arrays;
    }

    /** Array-literal quoting shared by column arrays and row arrays. */
    static final class ArrayLiterals {
        private ArrayLiterals() {
        }

        /** Appends one array element: NULL, or the text double-quoted with backslash escapes. */
        static void appendElement(StringBuilder out, byte[] cell) {
            if (cell == null) {
                out.append("NULL");
                return;
            }
            appendQuoted(out, new String(cell, StandardCharsets.UTF_8));
        }

        static void appendQuoted(StringBuilder out, String text) {
            out.append('"');
            for (int i = 0; i < text.length(); i++) {
                char ch = text.charAt(i);
                if (ch == '"' || ch == '\\') {
                    out.append('\\');
                }
                out.append(ch);
            }
            out.append('"');
        }

        /** A row of text cells as a composite literal: {@code ("a","b",)} (empty = NULL). */
        static String record(byte[][] cells) {
            StringBuilder out = new StringBuilder(16 + cells.length * 8).append('(');
            for (int i = 0; i < cells.length; i++) {
                if (i > 0) {
                    out.append(',');
                }
                if (cells[i] != null) {
                    appendQuoted(out, new String(cells[i], StandardCharsets.UTF_8));
                }
            }
            return out.append(')').toString();
        }
    }
}
