package io.distgres.coordinator.copy;

import io.distgres.coordinator.error.PgException;
import io.distgres.planner.sql.SqlIdentifiers;
import io.distgres.planner.sql.SqlLiterals;
import io.distgres.planner.sql.SqlToken;
import io.distgres.planner.sql.SqlTokens;
import io.distgres.sqlstate.SqlState;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Parses a client's COPY statement on a distributed table, from its tokens: target, column list,
 * direction and the data-format options in both the parenthesized and the pre-9.0 syntax. Options
 * distgres cannot honour on shards (BINARY, FORCE_*, ENCODING, WHERE) fail with 0A000 naming them.
 */
public final class CopyCommandParser {
    private final SqlTokens tokens;
    private int next;

    private CopyCommandParser(String sql) {
        this.tokens = SqlTokens.of(sql);
        for (int i = 0; i < tokens.size(); i++) {
            boolean quoted = tokens.isString(i) || tokens.is(i, SqlToken.Kind.QUOTED_IDENTIFIER);
            if (quoted && !SqlLiterals.isTerminated(tokens.text(i))) {
                throw new PgException(SqlState.SYNTAX_ERROR, tokens.isString(i)
                        ? "unterminated quoted string" : "unterminated quoted identifier");
            }
        }
    }

    static CopyCommand parse(String sql) {
        return new CopyCommandParser(sql).command();
    }

    /** The format of {@code COPY (query) TO STDOUT [options]}, given the text after the query's parenthesis. */
    public static CopyFormat queryCopyFormat(String afterQuery) {
        CopyCommandParser parser = new CopyCommandParser(afterQuery);
        parser.expect("TO");
        parser.expect("STDOUT");
        CopyFormat format = parser.options();
        parser.checkEnd();
        return format;
    }

    private CopyCommand command() {
        expect("COPY");
        if (tokens.isKeyword(next, "ONLY")) {
            next++;
        }
        String first = identifier();
        Optional<String> schema = Optional.empty();
        String table = first;
        if (tokens.isSymbol(next, ".")) {
            next++;
            schema = Optional.of(first);
            table = identifier();
        }
        List<String> columns = new ArrayList<>();
        if (accept(SqlToken.Kind.OPEN_PAREN)) {
            do {
                columns.add(identifier());
            } while (acceptComma());
            expect(SqlToken.Kind.CLOSE_PAREN);
        }
        boolean from;
        if (acceptKeyword("FROM")) {
            from = true;
            expect("STDIN");
        } else {
            expect("TO");
            from = false;
            expect("STDOUT");
        }
        CopyFormat format = options();
        checkEnd();
        return new CopyCommand(schema, table, columns, from, format);
    }

    private CopyFormat options() {
        Options options = new Options();
        acceptKeyword("WITH");
        if (accept(SqlToken.Kind.OPEN_PAREN)) {
            do {
                String name = word();
                String value = null;
                if (!tokens.isSymbol(next, ",") && !tokens.is(next, SqlToken.Kind.CLOSE_PAREN)) {
                    value = value();
                }
                options.set(name, value);
            } while (acceptComma());
            expect(SqlToken.Kind.CLOSE_PAREN);
        } else {
            // the pre-9.0 syntax: COPY t FROM STDIN [BINARY | DELIMITER [AS] 'x' | NULL [AS] 'x' | CSV [HEADER] ...]
            while (next < tokens.size()) {
                String name = word();
                switch (name) {
                    case "binary" -> options.set("format", "binary");
                    case "csv" -> options.set("format", "csv");
                    case "header" -> options.set("header", null);
                    case "delimiter", "null", "quote", "escape" -> {
                        acceptKeyword("AS");
                        options.set(name, value());
                    }
                    default -> throw unsupported("COPY option " + name.toUpperCase(Locale.ROOT));
                }
            }
        }
        return options.format();
    }

    /** Option values collected before the format's defaults are known. */
    private static final class Options {
        private String format = "text";
        private String delimiter;
        private String nullString;
        private boolean header;
        private String quote;
        private String escape;

        void set(String name, String value) {
            switch (name) {
                case "format" -> format = value == null ? "" : value.toLowerCase(Locale.ROOT);
                case "delimiter" -> delimiter = oneByte("DELIMITER", value);
                case "null" -> nullString = value == null ? "" : value;
                case "header" -> header = value == null || switch (value.toLowerCase(Locale.ROOT)) {
                    case "true", "on", "1" -> true;
                    case "false", "off", "0" -> false;
                    default -> throw unsupported("HEADER " + value);
                };
                case "quote" -> quote = oneByte("QUOTE", value);
                case "escape" -> escape = oneByte("ESCAPE", value);
                default -> throw unsupported("COPY option " + name.toUpperCase(Locale.ROOT));
            }
        }

        CopyFormat format() {
            boolean csv = switch (format) {
                case "text" -> false;
                case "csv" -> true;
                default -> throw unsupported("COPY format \"" + format + "\"");
            };
            if (!csv && (header || quote != null || escape != null)) {
                throw new PgException(SqlState.FEATURE_NOT_SUPPORTED,
                        "COPY HEADER, QUOTE and ESCAPE are available only in CSV mode on distributed tables");
            }
            byte delim = (byte) (delimiter != null ? delimiter.charAt(0) : csv ? ',' : '\t');
            String nul = nullString != null ? nullString : csv ? "" : "\\N";
            byte q = (byte) (quote != null ? quote.charAt(0) : '"');
            byte e = escape != null ? (byte) escape.charAt(0) : q;
            return new CopyFormat(csv, delim, nul, header, q, e);
        }

        private static String oneByte(String option, String value) {
            if (value == null || value.length() != 1 || value.charAt(0) > 0x7f) {
                throw new PgException(SqlState.INVALID_PARAMETER_VALUE, "COPY " + option
                        + " must be a single one-byte character");
            }
            return value;
        }
    }

    /** An option's value: a string's value, a name as PostgreSQL folds it, or a number as written. */
    private String value() {
        int at = checkMore();
        next++;
        if (tokens.isString(at)) {
            return tokens.stringValue(at);
        }
        return tokens.isIdentifier(at) ? tokens.identifier(at) : tokens.text(at);
    }

    private String identifier() {
        String name = tokens.identifier(checkMore());
        if (name == null) {
            throw syntax(next);
        }
        next++;
        return name;
    }

    /** An option name in lower case (a quoted one as written). */
    private String word() {
        int at = checkMore();
        next++;
        return tokens.isIdentifier(at) ? tokens.identifier(at) : SqlIdentifiers.foldCase(tokens.text(at));
    }

    private boolean accept(SqlToken.Kind kind) {
        if (tokens.is(next, kind)) {
            next++;
            return true;
        }
        return false;
    }

    private boolean acceptComma() {
        if (tokens.isSymbol(next, ",")) {
            next++;
            return true;
        }
        return false;
    }

    private boolean acceptKeyword(String keyword) {
        if (tokens.isKeyword(next, keyword)) {
            next++;
            return true;
        }
        return false;
    }

    private void expect(String keyword) {
        if (!acceptKeyword(keyword)) {
            throw syntax(next);
        }
    }

    private void expect(SqlToken.Kind kind) {
        if (!accept(kind)) {
            throw syntax(next);
        }
    }

    private void checkEnd() {
        if (next < tokens.size()) {
            throw unsupported("COPY option " + word());
        }
    }

    private int checkMore() {
        if (next >= tokens.size()) {
            throw syntax(next);
        }
        return next;
    }

    private PgException syntax(int at) {
        return new PgException(SqlState.SYNTAX_ERROR, at >= tokens.size() ? "syntax error at end of input"
                : "syntax error at or near \"" + tokens.text(at) + "\"");
    }

    private static PgException unsupported(String what) {
        return new PgException(SqlState.FEATURE_NOT_SUPPORTED, what + " is not supported on distributed tables");
    }
}
