package io.distgres.coordinator.schema;

/** Quotes SQL identifiers and literals for statements distgres writes itself. */
public final class SqlIdentifiers {
    /** PostgreSQL's NAMEDATALEN - 1. */
    public static final int MAX_IDENTIFIER_BYTES = 63;

    private SqlIdentifiers() {
    }

    /** Always quotes, so keywords, mixed case and odd characters are all safe. */
    public static String quote(String identifier) {
        if (identifier.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("identifier contains a NUL character");
        }
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    public static String qualified(String schema, String name) {
        return quote(schema) + "." + quote(name);
    }

    public static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    /** {@code base} with {@code suffix} appended, the base cut so the whole fits PostgreSQL's 63 bytes. */
    public static String withSuffix(String base, String suffix) {
        int budget = MAX_IDENTIFIER_BYTES - suffix.length();
        StringBuilder kept = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < base.length(); ) {
            int cp = base.codePointAt(i);
            int size = new String(Character.toChars(cp)).getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            if (bytes + size > budget) {
                break;
            }
            kept.appendCodePoint(cp);
            bytes += size;
            i += Character.charCount(cp);
        }
        return kept + suffix;
    }
}
