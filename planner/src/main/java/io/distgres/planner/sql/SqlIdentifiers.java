package io.distgres.planner.sql;

import java.nio.charset.StandardCharsets;

/**
 * PostgreSQL's rules for identifiers, in one place: quoting for the SQL distgres writes, and reading a
 * written identifier back as PostgreSQL stores it (unquoted ones folded to lower case, quoted ones with
 * their doubled quotes undone, both cut to {@value #MAX_BYTES} bytes).
 */
public final class SqlIdentifiers {
    /** PostgreSQL's NAMEDATALEN - 1: the longest identifier, in bytes of UTF-8. */
    public static final int MAX_BYTES = 63;

    private SqlIdentifiers() {
    }

    /** Always quotes, so keywords, mixed case and odd characters are all safe. */
    public static String quote(String identifier) {
        if (identifier.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("identifier contains a NUL character");
        }
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** {@code "schema"."name"}. */
    public static String qualified(String schema, String name) {
        return quote(schema) + "." + quote(name);
    }

    /**
     * The name PostgreSQL stores for the identifier token {@code written}: a quoted one without its quotes
     * and with {@code ""} read as {@code "}, an unquoted one folded to lower case as PostgreSQL's scanner
     * folds it (ASCII letters only: in UTF-8 databases {@code É} stays {@code É}); both truncated as
     * {@link #truncate} does.
     */
    public static String name(String written) {
        if (written.length() >= 2 && written.charAt(0) == '"' && written.charAt(written.length() - 1) == '"') {
            return truncate(written.substring(1, written.length() - 1).replace("\"\"", "\""));
        }
        return truncate(foldCase(written));
    }

    /** {@code word} with ASCII upper-case letters lowered, as {@code downcase_identifier} does in UTF-8. */
    public static String foldCase(String word) {
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                char[] folded = word.toCharArray();
                for (int j = i; j < folded.length; j++) {
                    if (folded[j] >= 'A' && folded[j] <= 'Z') {
                        folded[j] = (char) (folded[j] + ('a' - 'A'));
                    }
                }
                return new String(folded);
            }
        }
        return word;
    }

    /**
     * {@code identifier} cut to {@value #MAX_BYTES} bytes of UTF-8 without splitting a character, as
     * PostgreSQL's {@code truncate_identifier} (and {@code namein}) cut it.
     */
    public static String truncate(String identifier) {
        // fewer than MAX_BYTES / 3 chars cannot exceed the limit whatever they are
        if (identifier.length() <= MAX_BYTES / 3) {
            return identifier;
        }
        return cut(identifier, MAX_BYTES);
    }

    /** {@code base} with {@code suffix} appended, the base cut so the whole fits {@value #MAX_BYTES} bytes. */
    public static String withSuffix(String base, String suffix) {
        return cut(base, MAX_BYTES - utf8Length(suffix)) + suffix;
    }

    /** The longest prefix of {@code text} of at most {@code maxBytes} bytes of UTF-8 that ends on a character. */
    private static String cut(String text, int maxBytes) {
        int bytes = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            bytes += utf8Length(cp);
            if (bytes > maxBytes) {
                return text.substring(0, i);
            }
            i += Character.charCount(cp);
        }
        return text;
    }

    private static int utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static int utf8Length(int codePoint) {
        if (codePoint < 0x80) {
            return 1;
        }
        if (codePoint < 0x800) {
            return 2;
        }
        return codePoint < 0x10000 ? 3 : 4;
    }
}
