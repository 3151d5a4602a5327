package io.distgres.coordinator.regress;

import io.distgres.coordinator.regress.StatementOutcome.Column;
import io.distgres.coordinator.regress.StatementOutcome.Failure;
import io.distgres.coordinator.regress.StatementOutcome.Rows;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compares distgres's outcome of a statement with plain PostgreSQL's: column names and type OIDs,
 * update counts, and rows as PostgreSQL's text, byte for byte — except float4/float8 values,
 * equal within a relative tolerance of 1e-9 (sums over shards add in another order). Rows are
 * compared in order for ordered statements, otherwise as multisets. Errors match by SQLSTATE.
 */
final class ResultComparison {
    static final double FLOAT_TOLERANCE = 1e-9;
    private static final int SHOWN_ROWS = 20;

    private ResultComparison() {
    }

    /** Empty when {@code actual} (distgres) matches {@code expected} (PostgreSQL); else what differs. */
    static Optional<String> difference(StatementOutcome expected, StatementOutcome actual, boolean ordered) {
        if (expected instanceof Failure e && actual instanceof Failure a) {
            return e.sqlState().equals(a.sqlState()) ? Optional.empty()
                    : Optional.of("both failed, with different SQLSTATEs:\n  PostgreSQL: " + e + "\n  distgres:   " + a);
        }
        if (expected instanceof Failure || actual instanceof Failure) {
            return Optional.of("outcomes differ:\n  PostgreSQL: " + summary(expected) + "\n  distgres:   "
                    + summary(actual));
        }
        return rowsDifference((Rows) expected, (Rows) actual, ordered);
    }

    private static String summary(StatementOutcome outcome) {
        return outcome instanceof Rows rows ? rows.rows().size() + " rows, columns " + rows.columns()
                + ", update count " + rows.updateCount() : outcome.toString();
    }

    static Optional<String> rowsDifference(Rows expected, Rows actual, boolean ordered) {
        if (!expected.columns().equals(actual.columns())) {
            return Optional.of("columns differ (name:type OID):\n  PostgreSQL: " + expected.columns()
                    + "\n  distgres:   " + actual.columns());
        }
        if (expected.columns().isEmpty() && expected.updateCount() != actual.updateCount()) {
            return Optional.of("row counts differ: PostgreSQL " + expected.updateCount() + ", distgres "
                    + actual.updateCount());
        }
        List<Column> columns = expected.columns();
        List<List<String>> expectedRows = expected.rows();
        List<List<String>> actualRows = actual.rows();
        if (!ordered) {
            Comparator<List<String>> order = rowOrder(columns);
            expectedRows = expectedRows.stream().sorted(order).toList();
            actualRows = actualRows.stream().sorted(order).toList();
        }
        int firstDifference = firstDifference(columns, expectedRows, actualRows);
        if (firstDifference < 0) {
            return Optional.empty();
        }
        StringBuilder report = new StringBuilder();
        report.append("rows differ (PostgreSQL ").append(expectedRows.size()).append(" rows, distgres ")
                .append(actualRows.size()).append(" rows; columns ").append(columns).append(")\n");
        List<List<String>> missing = new ArrayList<>();
        List<List<String>> extra = new ArrayList<>();
        unmatched(columns, expectedRows, actualRows, missing, extra);
        if (missing.isEmpty() && extra.isEmpty()) {
            report.append("same rows in a different order; first difference at row ").append(firstDifference + 1)
                    .append(":\n  PostgreSQL: ").append(render(expectedRows, firstDifference))
                    .append("\n  distgres:   ").append(render(actualRows, firstDifference)).append('\n');
        }
        appendRows(report, "missing (PostgreSQL has, distgres lacks)", missing);
        appendRows(report, "extra (distgres has, PostgreSQL lacks)", extra);
        return Optional.of(report.toString());
    }

    private static String render(List<List<String>> rows, int index) {
        return index < rows.size() ? render(rows.get(index)) : "(no row)";
    }

    private static int firstDifference(List<Column> columns, List<List<String>> expected, List<List<String>> actual) {
        int common = Math.min(expected.size(), actual.size());
        for (int i = 0; i < common; i++) {
            if (!rowsMatch(columns, expected.get(i), actual.get(i))) {
                return i;
            }
        }
        return expected.size() == actual.size() ? -1 : common;
    }

    /** Multiset difference: exact text first, then the float tolerance among what is left. */
    private static void unmatched(List<Column> columns, List<List<String>> expected, List<List<String>> actual,
            List<List<String>> missing, List<List<String>> extra) {
        Map<List<String>, Integer> counts = new HashMap<>();
        for (List<String> row : actual) {
            counts.merge(row, 1, Integer::sum);
        }
        List<List<String>> leftExpected = new ArrayList<>();
        for (List<String> row : expected) {
            Integer count = counts.get(row);
            if (count == null) {
                leftExpected.add(row);
            } else if (count == 1) {
                counts.remove(row);
            } else {
                counts.put(row, count - 1);
            }
        }
        List<List<String>> leftActual = new ArrayList<>();
        for (List<String> row : actual) {
            Integer count = counts.get(row);
            if (count != null) {
                leftActual.add(row);
                counts.put(row, count - 1);
                if (count == 1) {
                    counts.remove(row);
                }
            }
        }
        for (List<String> row : leftExpected) {
            Iterator<List<String>> candidates = leftActual.iterator();
            boolean matched = false;
            while (candidates.hasNext() && !matched) {
                if (rowsMatch(columns, row, candidates.next())) {
                    candidates.remove();
                    matched = true;
                }
            }
            if (!matched) {
                missing.add(row);
            }
        }
        extra.addAll(leftActual);
    }

    private static void appendRows(StringBuilder report, String title, List<List<String>> rows) {
        if (rows.isEmpty()) {
            return;
        }
        report.append(title).append(": ").append(rows.size()).append('\n');
        rows.stream().limit(SHOWN_ROWS).forEach(row -> report.append("  ").append(render(row)).append('\n'));
        if (rows.size() > SHOWN_ROWS) {
            report.append("  ... ").append(rows.size() - SHOWN_ROWS).append(" more\n");
        }
    }

    private static String render(List<String> row) {
        StringBuilder text = new StringBuilder("(");
        for (int i = 0; i < row.size(); i++) {
            text.append(i == 0 ? "" : ", ").append(row.get(i) == null ? "NULL" : "'" + row.get(i) + "'");
        }
        return text.append(')').toString();
    }

    private static boolean rowsMatch(List<Column> columns, List<String> expected, List<String> actual) {
        if (expected.size() != actual.size()) {
            return false;
        }
        for (int i = 0; i < expected.size(); i++) {
            if (!valuesMatch(columns.get(i), expected.get(i), actual.get(i))) {
                return false;
            }
        }
        return true;
    }

    static boolean valuesMatch(Column column, String expected, String actual) {
        if (expected == null || actual == null) {
            return expected == actual;
        }
        if (expected.equals(actual)) {
            return true;
        }
        if (!column.isFloat()) {
            return false;
        }
        double e = parseFloat(expected);
        double a = parseFloat(actual);
        if (!Double.isFinite(e) || !Double.isFinite(a)) {
            return false;
        }
        return Math.abs(e - a) <= FLOAT_TOLERANCE * Math.max(Math.abs(e), Math.abs(a));
    }

    /** Sorts NULL first, floats by value (so nearly equal values stay side by side), the rest by text. */
    private static Comparator<List<String>> rowOrder(List<Column> columns) {
        return (left, right) -> {
            for (int i = 0; i < Math.min(left.size(), right.size()); i++) {
                int c = compareValues(columns.get(i), left.get(i), right.get(i));
                if (c != 0) {
                    return c;
                }
            }
            return Integer.compare(left.size(), right.size());
        };
    }

    private static int compareValues(Column column, String left, String right) {
        if (left == null || right == null) {
            return left == null ? (right == null ? 0 : -1) : 1;
        }
        if (column.isFloat()) {
            int c = Double.compare(parseFloat(left), parseFloat(right));
            if (c != 0) {
                return c;
            }
        }
        return left.compareTo(right);
    }

    private static double parseFloat(String text) {
        return switch (text) {
            case "Infinity" -> Double.POSITIVE_INFINITY;
            case "-Infinity" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> {
                try {
                    yield Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    yield Double.NaN;
                }
            }
        };
    }
}
