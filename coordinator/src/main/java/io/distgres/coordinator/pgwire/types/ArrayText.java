package io.distgres.coordinator.pgwire.types;

import io.distgres.sqlstate.SqlState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and prints PostgreSQL's array text: {@code {1,2,NULL}}, {@code {{1,2},{3,4}}}, {@code {"a b","q\"q"}} and
 * {@code [0:1]={1,2}} when a lower bound is not 1.
 */
final class ArrayText {
    private static final Pattern BOUND = Pattern.compile("\\[\\s*(?:([+-]?\\d+)\\s*:\\s*)?([+-]?\\d+)\\s*]");

    /** One dimension's length and lower bound. */
    record Dimension(int length, int lowerBound) {
    }

    /** An array's shape and its elements in row-major order; a null element is SQL NULL. */
    record Parsed(List<Dimension> dimensions, List<String> elements) {
    }

    private final String text;
    private int pos;
    private final List<Integer> lengths = new ArrayList<>();
    private final List<String> elements = new ArrayList<>();
    private int leafDepth = -1;

    private ArrayText(String text) {
        this.text = text;
    }

    static Parsed parse(String text) {
        return new ArrayText(text).parseAll();
    }

    /** Prints elements laid out in the given dimensions, quoting those array_in would misread. */
    static String format(List<Dimension> dimensions, List<String> elements) {
        if (dimensions.isEmpty() || elements.isEmpty()) {
            return "{}";
        }
        StringBuilder out = new StringBuilder();
        if (dimensions.stream().anyMatch(d -> d.lowerBound() != 1)) {
            for (Dimension d : dimensions) {
                out.append('[').append(d.lowerBound()).append(':')
                        .append((long) d.lowerBound() + d.length() - 1).append(']');
            }
            out.append('=');
        }
        int[] position = {0};
        appendLevel(out, dimensions, 0, elements, position);
        return out.toString();
    }

    private static void appendLevel(StringBuilder out, List<Dimension> dimensions, int depth, List<String> elements,
                                    int[] position) {
        out.append('{');
        for (int i = 0; i < dimensions.get(depth).length(); i++) {
            if (i > 0) {
                out.append(',');
            }
            if (depth + 1 < dimensions.size()) {
                appendLevel(out, dimensions, depth + 1, elements, position);
            } else {
                appendElement(out, elements.get(position[0]++));
            }
        }
        out.append('}');
    }

    private static void appendElement(StringBuilder out, String element) {
        if (element == null) {
            out.append("NULL");
            return;
        }
        boolean quote = element.isEmpty() || element.equalsIgnoreCase("NULL");
        for (int i = 0; i < element.length() && !quote; i++) {
            char c = element.charAt(i);
            quote = c == '"' || c == '\\' || c == '{' || c == '}' || c == ',' || isSpace(c);
        }
        if (!quote) {
            out.append(element);
            return;
        }
        out.append('"');
        for (int i = 0; i < element.length(); i++) {
            char c = element.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        out.append('"');
    }

    /** The characters array_in treats as white space (scanner_isspace). */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\u000B' || c == '\f';
    }

    private Parsed parseAll() {
        List<Dimension> declared = parseBounds();
        skipSpace();
        parseLevel(0);
        skipSpace();
        if (pos != text.length()) {
            throw malformed();
        }
        if (elements.isEmpty()) {
            return new Parsed(List.of(), List.of());
        }
        List<Dimension> dimensions = new ArrayList<>();
        for (int i = 0; i < lengths.size(); i++) {
            dimensions.add(new Dimension(lengths.get(i), declared.isEmpty() ? 1 : declared.get(i).lowerBound()));
        }
        if (!declared.isEmpty() && !declared.equals(dimensions)) {
            throw malformed();
        }
        return new Parsed(List.copyOf(dimensions), Collections.unmodifiableList(elements));
    }

    /** The dimensions a {@code [l:u][l:u]=} prefix declares, or none. */
    private List<Dimension> parseBounds() {
        skipSpace();
        List<Dimension> declared = new ArrayList<>();
        Matcher m = BOUND.matcher(text);
        while (pos < text.length() && text.charAt(pos) == '[') {
            if (!m.find(pos) || m.start() != pos) {
                throw malformed();
            }
            int lower = m.group(1) == null ? 1 : Integer.parseInt(m.group(1));
            long length = Long.parseLong(m.group(2)) - lower + 1;
            declared.add(new Dimension((int) Math.max(0, Math.min(length, Integer.MAX_VALUE)), lower));
            pos = m.end();
            skipSpace();
        }
        if (!declared.isEmpty()) {
            expect('=');
        }
        return declared;
    }

    private void parseLevel(int depth) {
        expect('{');
        if (lengths.size() <= depth) {
            lengths.add(-1);
        }
        int count = 0;
        skipSpace();
        if (peek() == '}') {
            pos++;
            recordLength(depth, 0);
            return;
        }
        while (true) {
            skipSpace();
            if (peek() == '{') {
                if (leafDepth >= 0 && leafDepth <= depth) {
                    throw malformed();
                }
                parseLevel(depth + 1);
            } else {
                if (leafDepth >= 0 && leafDepth != depth) {
                    throw malformed();
                }
                leafDepth = depth;
                elements.add(parseElement());
            }
            count++;
            skipSpace();
            char c = peek();
            pos++;
            if (c == '}') {
                break;
            }
            if (c != ',') {
                throw malformed();
            }
        }
        recordLength(depth, count);
    }

    private void recordLength(int depth, int count) {
        int known = lengths.get(depth);
        if (known >= 0 && known != count) {
            throw new PgTypeException(SqlState.INVALID_TEXT_REPRESENTATION,
                    "malformed array literal: \"" + text + "\": multidimensional arrays must have sub-arrays with"
                            + " matching dimensions");
        }
        lengths.set(depth, count);
    }

    private String parseElement() {
        StringBuilder value = new StringBuilder();
        if (peek() == '"') {
            pos++;
            while (true) {
                char c = next();
                if (c == '"') {
                    return value.toString();
                }
                value.append(c == '\\' ? next() : c);
            }
        }
        boolean escaped = false;
        int lastKept = 0;
        while (true) {
            char c = peek();
            if (c == ',' || c == '}') {
                break;
            }
            if (c == '{' || c == '"') {
                throw malformed();
            }
            pos++;
            if (c == '\\') {
                value.append(next());
                escaped = true;
                lastKept = value.length();
            } else {
                value.append(c);
                if (!isSpace(c)) {
                    lastKept = value.length();
                }
            }
        }
        // unquoted elements lose trailing white space, unless it was escaped
        value.setLength(lastKept);
        if (value.length() == 0) {
            throw malformed();
        }
        String element = value.toString();
        return !escaped && element.equalsIgnoreCase("NULL") ? null : element;
    }

    private void expect(char expected) {
        if (next() != expected) {
            throw malformed();
        }
    }

    private char peek() {
        if (pos >= text.length()) {
            throw malformed();
        }
        return text.charAt(pos);
    }

    private char next() {
        char c = peek();
        pos++;
        return c;
    }

    private void skipSpace() {
        while (pos < text.length() && isSpace(text.charAt(pos))) {
            pos++;
        }
    }

    private PgTypeException malformed() {
        return new PgTypeException(SqlState.INVALID_TEXT_REPRESENTATION,
                "malformed array literal: \"" + text + "\"");
    }
}
