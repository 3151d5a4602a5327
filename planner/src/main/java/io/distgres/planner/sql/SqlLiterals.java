package io.distgres.planner.sql;

/**
 * PostgreSQL's string literals: quoting a value for the SQL distgres writes, and reading the value of a
 * literal the lexer found ({@code 'standard'}, {@code E'escaped'}, {@code $$dollar$$} and {@code $tag$...$tag$}).
 */
public final class SqlLiterals {
    private SqlLiterals() {
    }

    /** {@code value} as a standard string literal. */
    public static String quote(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    /**
     * The value of the STRING or DOLLAR_STRING token {@code written}. An unterminated literal (the lexer
     * runs it to the end of the text) yields what it holds so far.
     */
    public static String value(String written) {
        if (written.startsWith("$")) {
            int tagEnd = written.indexOf('$', 1) + 1;
            int close = written.length() - tagEnd;
            return close >= tagEnd && written.endsWith(written.substring(0, tagEnd))
                    ? written.substring(tagEnd, close) : written.substring(tagEnd);
        }
        boolean escapes = written.startsWith("E") || written.startsWith("e");
        int start = escapes ? 2 : 1;
        StringBuilder out = new StringBuilder(written.length());
        for (int i = start; i < written.length(); i++) {
            char c = written.charAt(i);
            if (c == '\'') {
                if (i + 1 < written.length() && written.charAt(i + 1) == '\'') {
                    out.append('\'');
                    i++;
                    continue;
                }
                break;
            }
            if (escapes && c == '\\' && i + 1 < written.length()) {
                i = unescape(written, i + 1, out);
                continue;
            }
            out.append(c);
        }
        return out.toString();
    }

    /**
     * True when the STRING, DOLLAR_STRING or QUOTED_IDENTIFIER token {@code written} ends with its closing
     * quote: the lexer runs an unterminated one to the end of the text, and PostgreSQL refuses it.
     */
    public static boolean isTerminated(String written) {
        if (written.startsWith("$")) {
            int tagEnd = written.indexOf('$', 1) + 1;
            return tagEnd > 0 && written.length() >= 2 * tagEnd && written.endsWith(written.substring(0, tagEnd));
        }
        char quote = written.startsWith("\"") ? '"' : '\'';
        boolean escapes = written.startsWith("E") || written.startsWith("e");
        int i = escapes ? 2 : 1;
        while (i < written.length()) {
            char c = written.charAt(i);
            if (escapes && c == '\\') {
                i += 2;
            } else if (c == quote && i + 1 < written.length() && written.charAt(i + 1) == quote) {
                i += 2;
            } else if (c == quote) {
                return i == written.length() - 1;
            } else {
                i++;
            }
        }
        return false;
    }

    /** Appends the escape starting at {@code at} (just past the backslash); returns the index of its last char. */
    private static int unescape(String text, int at, StringBuilder out) {
        char e = text.charAt(at);
        switch (e) {
            case 'b' -> out.append('\b');
            case 'f' -> out.append('\f');
            case 'n' -> out.append('\n');
            case 'r' -> out.append('\r');
            case 't' -> out.append('\t');
            case 'x' -> {
                int end = digitsEnd(text, at + 1, 2, 16);
                if (end == at + 1) {
                    out.append('x');
                    return at;
                }
                out.append((char) Integer.parseInt(text, at + 1, end, 16));
                return end - 1;
            }
            case 'u', 'U' -> {
                int length = e == 'u' ? 4 : 8;
                int end = digitsEnd(text, at + 1, length, 16);
                if (end - at - 1 != length) {
                    out.append(e);
                    return at;
                }
                out.appendCodePoint(Integer.parseInt(text, at + 1, end, 16));
                return end - 1;
            }
            default -> {
                if (e >= '0' && e <= '7') {
                    int end = digitsEnd(text, at, 3, 8);
                    out.append((char) (Integer.parseInt(text, at, end, 8) & 0xFF));
                    return end - 1;
                }
                out.append(e);
            }
        }
        return at;
    }

    private static int digitsEnd(String text, int from, int max, int radix) {
        int end = from;
        while (end < text.length() && end - from < max && Character.digit(text.charAt(end), radix) >= 0) {
            end++;
        }
        return end;
    }
}
