package io.distgres.coordinator.clients;

import java.util.ArrayList;
import java.util.List;

/**
 * Rows of (id, name, note) with the values COPY must get right (NULLs, empty strings, quotes,
 * delimiters, line breaks, backslashes, unicode), rendered exactly as PostgreSQL's COPY TO writes
 * them, so a COPY FROM then COPY TO of the same rows gives the same bytes back.
 */
final class CopyRows {
    private static final String[] AWKWARD = {
        "plain", "", null, "with,comma", "with \"quotes\"", "line\nbreak", "carriage\rreturn", "tab\there",
        "back\\slash", "\\N", "NULL", "unicode é ß 日本語 🐘", "  spaces  ", "'single'", "semi;colon",
    };

    private CopyRows() {
    }

    static List<String[]> generate(int count) {
        List<String[]> rows = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            String name = i % 7 == 0 ? null : "name " + i;
            String note = AWKWARD[i % AWKWARD.length];
            rows.add(new String[] {Integer.toString(i), name, note == null ? null : i % 3 == 0 ? note + " " + i : note});
        }
        return rows;
    }

    static String render(List<String[]> rows, String format) {
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                if (i > 0) {
                    out.append(format.equals("csv") ? ',' : '\t');
                }
                out.append(format.equals("csv") ? csv(row[i]) : text(row[i]));
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** CopyAttributeOutCSV: NULL is empty; quote when the value is empty or holds a delimiter, quote or line end. */
    private static String csv(String value) {
        if (value == null) {
            return "";
        }
        boolean quote = value.isEmpty() || value.chars().anyMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r');
        return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }

    /** CopyAttributeOutText: NULL is \N; backslash and control characters are escaped. */
    private static String text(String value) {
        if (value == null) {
            return "\\N";
        }
        return value.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t");
    }
}
