package io.distgres.worker;

/**
 * Rewrites PostgreSQL {@code $n} placeholders into pgjdbc's {@code ?} form.
 *
 * <p>pgjdbc only knows {@code ?} placeholders and would send {@code $1} as literal text, while
 * task SQL uses PostgreSQL's native {@code $n}. Placeholders inside string literals, quoted
 * identifiers, comments and dollar-quoted strings are left alone, and a literal {@code ?}
 * (e.g. the jsonb operator) is doubled so pgjdbc does not take it for a placeholder.
 */
final class PlaceholderTranslator {
    private PlaceholderTranslator() {
    }

    /**
     * The rewritten SQL and, for each {@code ?} in order, the 0-based index of the task
     * parameter it stands for (a repeated {@code $1} yields several {@code ?}).
     */
    record TranslatedSql(String jdbcSql, int[] parameterOrder, int highestParameter) {
    }

    static TranslatedSql translate(String sql) {
        StringBuilder out = new StringBuilder(sql.length() + 8);
        int[] order = new int[8];
        int count = 0;
        int highest = 0;
        int n = sql.length();
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'') {
                boolean backslashEscapes = i > 0 && (sql.charAt(i - 1) == 'E' || sql.charAt(i - 1) == 'e')
                        && (i < 2 || !isIdentifierChar(sql.charAt(i - 2)));
                int end = skipQuoted(sql, i, '\'', backslashEscapes);
                out.append(sql, i, end);
                i = end;
            } else if (c == '"') {
                int end = skipQuoted(sql, i, '"', false);
                out.append(sql, i, end);
                i = end;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int end = sql.indexOf('\n', i);
                end = end < 0 ? n : end + 1;
                out.append(sql, i, end);
                i = end;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = skipBlockComment(sql, i);
                out.append(sql, i, end);
                i = end;
            } else if (c == '$' && (i == 0 || !isIdentifierChar(sql.charAt(i - 1)))) {
                if (i + 1 < n && Character.isDigit(sql.charAt(i + 1))) {
                    int j = i + 1;
                    while (j < n && Character.isDigit(sql.charAt(j))) {
                        j++;
                    }
                    int param = Integer.parseInt(sql, i + 1, j, 10);
                    if (count == order.length) {
                        order = java.util.Arrays.copyOf(order, count * 2);
                    }
                    order[count++] = param - 1;
                    highest = Math.max(highest, param);
                    out.append('?');
                    i = j;
                } else {
                    int end = skipDollarQuoted(sql, i);
                    out.append(sql, i, end);
                    i = end;
                }
            } else if (c == '?') {
                out.append("??");
                i++;
            } else {
                out.append(c);
                i++;
            }
        }
        return new TranslatedSql(out.toString(), java.util.Arrays.copyOf(order, count), highest);
    }

    /** Index just past the closing quote; a doubled quote continues the literal. */
    private static int skipQuoted(String sql, int start, char quote, boolean backslashEscapes) {
        int i = start + 1;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (backslashEscapes && c == '\\') {
                i += 2;
            } else if (c == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return sql.length();
    }

    /** Block comments nest in PostgreSQL, unlike in C. */
    private static int skipBlockComment(String sql, int start) {
        int depth = 0;
        int i = start;
        while (i < sql.length()) {
            if (sql.startsWith("/*", i)) {
                depth++;
                i += 2;
            } else if (sql.startsWith("*/", i)) {
                depth--;
                i += 2;
                if (depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        return sql.length();
    }

    /** Index past a {@code $tag$...$tag$} string, or past the lone {@code $} when none starts here. */
    private static int skipDollarQuoted(String sql, int start) {
        int j = start + 1;
        while (j < sql.length() && sql.charAt(j) != '$') {
            char c = sql.charAt(j);
            if (!isIdentifierChar(c) || c == '$' || (j == start + 1 && Character.isDigit(c))) {
                return start + 1;
            }
            j++;
        }
        if (j >= sql.length()) {
            return start + 1;
        }
        String tag = sql.substring(start, j + 1);
        int close = sql.indexOf(tag, j + 1);
        return close < 0 ? sql.length() : close + tag.length();
    }

    private static boolean isIdentifierChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c > 127;
    }
}
