package io.distgres.coordinator.copy;

import io.distgres.coordinator.error.PgException;
import io.distgres.sqlstate.SqlState;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Parses a client's COPY statement on a distributed table: target, column list, direction and
 * the data-format options in both the parenthesized and the pre-9.0 syntax. Options distgres
 * cannot honour on shards (BINARY, FORCE_*, ENCODING, WHERE) fail with 0A000 naming them.
 */
public final class CopyCommandParser {
    private final List<String> tokens;
    private final List<Boolean> quoted;
    private int next;

    private CopyCommandParser(String sql) {
        this.tokens = new ArrayList<>();
        this.quoted = new ArrayList<>();
        tokenize(sql);
    }

    static CopyCommand parse(String sql) {
        return new CopyCommandParser(sql).command();
    }

    /** The format of {@code COPY (query) TO STDOUT [options]}, given the text after the query's parenthesis. */
    public static CopyFormat queryCopyFormat(String afterQuery) {
        CopyCommandParser parser = new CopyCommandParser(afterQuery);
        parser.expect("to");
        parser.expect("stdout");
        CopyFormat format = parser.options();
        parser.accept(";");
        if (parser.next < parser.tokens.size()) {
            throw unsupported("COPY option " + parser.tokens.get(parser.next));
        }
        return format;
    }

    private CopyCommand command() {
        expect("copy");
        if (peekKeyword("only")) {
            next++;
        }
        String first = identifier();
        Optional<String> schema = Optional.empty();
        String table = first;
        if (peek(".")) {
            next++;
            schema = Optional.of(first);
            table = identifier();
        }
        List<String> columns = new ArrayList<>();
        if (peek("(")) {
            next++;
            do {
                columns.add(identifier());
            } while (accept(","));
            expect(")");
        }
        boolean from;
        if (acceptKeyword("from")) {
            from = true;
            expect("stdin");
        } else {
            expect("to");
            from = false;
            expect("stdout");
        }
        CopyFormat format = options();
        accept(";");
        if (next < tokens.size()) {
            throw unsupported("COPY option " + tokens.get(next));
        }
        return new CopyCommand(schema, table, columns, from, format);
    }

    private CopyFormat options() {
        Options options = new Options();
        acceptKeyword("with");
        if (accept("(")) {
            do {
                String name = word();
                String value = null;
                if (!peek(",") && !peek(")")) {
                    value = value();
                }
                options.set(name, value);
            } while (accept(","));
            expect(")");
        } else {
            // the pre-9.0 syntax: COPY t FROM STDIN [BINARY | DELIMITER [AS] 'x' | NULL [AS] 'x' | CSV [HEADER] ...]
            while (next < tokens.size() && !peek(";")) {
                String name = word();
                switch (name) {
                    case "binary" -> options.set("format", "binary");
                    case "csv" -> options.set("format", "csv");
                    case "header" -> options.set("header", null);
                    case "delimiter", "null", "quote", "escape" -> {
                        acceptKeyword("as");
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

    private String value() {
        String token = tokens.get(checkMore());
        next++;
        return token;
    }

    private String identifier() {
        int at = checkMore();
        String token = tokens.get(at);
        if (!quoted.get(at) && !Character.isLetter(token.charAt(0)) && token.charAt(0) != '_') {
            throw syntax(token);
        }
        next++;
        return token;
    }

    private String word() {
        int at = checkMore();
        next++;
        return quoted.get(at) ? tokens.get(at) : tokens.get(at).toLowerCase(Locale.ROOT);
    }

    private boolean peek(String symbol) {
        return next < tokens.size() && !quoted.get(next) && tokens.get(next).equals(symbol);
    }

    private boolean peekKeyword(String keyword) {
        return next < tokens.size() && !quoted.get(next) && tokens.get(next).equals(keyword);
    }

    private boolean accept(String symbol) {
        if (peek(symbol)) {
            next++;
            return true;
        }
        return false;
    }

    private boolean acceptKeyword(String keyword) {
        return accept(keyword);
    }

    private void expect(String token) {
        if (!accept(token)) {
            throw next < tokens.size() ? syntax(tokens.get(next)) : new PgException(SqlState.SYNTAX_ERROR,
                    "syntax error at end of input");
        }
    }

    private int checkMore() {
        if (next >= tokens.size()) {
            throw new PgException(SqlState.SYNTAX_ERROR, "syntax error at end of input");
        }
        return next;
    }

    private static PgException syntax(String token) {
        return new PgException(SqlState.SYNTAX_ERROR, "syntax error at or near \"" + token + "\"");
    }

    private static PgException unsupported(String what) {
        return new PgException(SqlState.FEATURE_NOT_SUPPORTED, what + " is not supported on distributed tables");
    }

    /** Words are case-folded, "quoted identifiers" and 'strings' (E'' too) kept verbatim and marked quoted. */
    private void tokenize(String sql) {
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && sql.startsWith("--", i)) {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? sql.length() : end;
            } else if (c == '"' || c == '\'' || ((c == 'E' || c == 'e') && i + 1 < sql.length()
                    && sql.charAt(i + 1) == '\'')) {
                boolean escapes = c == 'E' || c == 'e';
                char q = escapes ? '\'' : c;
                i += escapes ? 2 : 1;
                StringBuilder text = new StringBuilder();
                while (true) {
                    if (i >= sql.length()) {
                        throw new PgException(SqlState.SYNTAX_ERROR, "unterminated quoted string");
                    }
                    char d = sql.charAt(i++);
                    if (escapes && d == '\\' && i < sql.length()) {
                        char e = sql.charAt(i++);
                        text.append(switch (e) {
                            case 't' -> '\t';
                            case 'n' -> '\n';
                            case 'r' -> '\r';
                            default -> e;
                        });
                    } else if (d == q) {
                        if (i < sql.length() && sql.charAt(i) == q) {
                            text.append(q);
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        text.append(d);
                    }
                }
                tokens.add(text.toString());
                quoted.add(true);
            } else if (Character.isLetterOrDigit(c) || c == '_') {
                int start = i;
                while (i < sql.length() && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_'
                        || sql.charAt(i) == '$')) {
                    i++;
                }
                tokens.add(sql.substring(start, i).toLowerCase(Locale.ROOT));
                quoted.add(false);
            } else {
                tokens.add(String.valueOf(c));
                quoted.add(false);
                i++;
            }
        }
    }
}
