package io.distgres.planner.sql;

import io.distgres.sqlstate.SqlState;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The SQL-level prepared statement commands, read from their tokens: {@code PREPARE name [(types)] AS
 * statement}, {@code EXECUTE name [(arguments)]}, {@code EXPLAIN [options] EXECUTE ...} and
 * {@code DEALLOCATE [PREPARE] {name | ALL}}. Names fold to lower case unless quoted, as PostgreSQL's do.
 */
public sealed interface SqlPreparedCommand {

    /**
     * @param name       the statement's name
     * @param typeNames  the declared parameter types as written, e.g. {@code numeric(10,2)}
     * @param body       the prepared statement's text
     * @param bodyOffset where the body starts in the PREPARE statement (characters)
     */
    record Prepare(String name, List<String> typeNames, StatementText body, int bodyOffset)
            implements SqlPreparedCommand {
        public Prepare {
            typeNames = List.copyOf(typeNames);
        }
    }

    /**
     * @param name          the statement's name
     * @param arguments     the argument expressions as written
     * @param explainPrefix the {@code EXPLAIN ...} text before EXECUTE, empty for a plain EXECUTE
     */
    record Execute(String name, List<String> arguments, String explainPrefix) implements SqlPreparedCommand {
        public Execute {
            arguments = List.copyOf(arguments);
        }
    }

    /** @param name the statement to drop, empty for DEALLOCATE ALL */
    record Deallocate(Optional<String> name) implements SqlPreparedCommand {
    }

    /** The command {@code statement} is, if it is one of these. */
    static Optional<SqlPreparedCommand> parse(StatementText statement) {
        String text = statement.text();
        List<SqlToken> tokens = meaningful(statement);
        if (tokens.isEmpty() || tokens.get(0).kind() != SqlToken.Kind.WORD) {
            return Optional.empty();
        }
        String first = word(text, tokens.get(0));
        return switch (first) {
            case "PREPARE" -> prepare(text, tokens);
            case "EXECUTE" -> execute(text, tokens, 0);
            case "EXPLAIN" -> explainExecute(text, tokens);
            case "DEALLOCATE" -> deallocate(text, tokens);
            default -> Optional.empty();
        };
    }

    private static Optional<SqlPreparedCommand> prepare(String text, List<SqlToken> tokens) {
        if (tokens.size() < 2 || word(text, tokens.get(1)).equals("TRANSACTION")) {
            return Optional.empty();
        }
        String name = name(text, tokens.get(1));
        if (name == null) {
            throw syntaxError(text, tokens.get(1));
        }
        int at = 2;
        List<String> types = List.of();
        if (at < tokens.size() && tokens.get(at).kind() == SqlToken.Kind.OPEN_PAREN) {
            int close = closingParen(tokens, at);
            if (close < 0) {
                throw new SyntaxError("syntax error at end of input", text.length() + 1);
            }
            types = splitList(text, tokens, at + 1, close);
            at = close + 1;
        }
        if (at >= tokens.size() || !word(text, tokens.get(at)).equals("AS")) {
            throw at < tokens.size() ? syntaxError(text, tokens.get(at))
                    : new SyntaxError("syntax error at end of input", text.length() + 1);
        }
        if (at + 1 >= tokens.size()) {
            throw new SyntaxError("syntax error at end of input", text.length() + 1);
        }
        int bodyStart = tokens.get(at + 1).start();
        return Optional.of(new Prepare(name, types, StatementText.of(text.substring(bodyStart)), bodyStart));
    }

    private static Optional<SqlPreparedCommand> execute(String text, List<SqlToken> tokens, int at) {
        if (at + 1 >= tokens.size()) {
            throw new SyntaxError("syntax error at end of input", text.length() + 1);
        }
        String name = name(text, tokens.get(at + 1));
        if (name == null) {
            throw syntaxError(text, tokens.get(at + 1));
        }
        List<String> arguments = List.of();
        int next = at + 2;
        if (next < tokens.size() && tokens.get(next).kind() == SqlToken.Kind.OPEN_PAREN) {
            int close = closingParen(tokens, next);
            if (close < 0) {
                throw new SyntaxError("syntax error at end of input", text.length() + 1);
            }
            arguments = splitList(text, tokens, next + 1, close);
            next = close + 1;
        }
        if (next < tokens.size() && tokens.get(next).kind() != SqlToken.Kind.SEMICOLON) {
            throw syntaxError(text, tokens.get(next));
        }
        return Optional.of(new Execute(name, arguments, text.substring(0, tokens.get(at).start())));
    }

    /** {@code EXPLAIN [(options) | ANALYZE [VERBOSE] | VERBOSE] EXECUTE name(...)}. */
    private static Optional<SqlPreparedCommand> explainExecute(String text, List<SqlToken> tokens) {
        int at = 1;
        if (at < tokens.size() && tokens.get(at).kind() == SqlToken.Kind.OPEN_PAREN) {
            at = closingParen(tokens, at) + 1;
            if (at <= 0) {
                return Optional.empty();
            }
        } else {
            while (at < tokens.size() && tokens.get(at).kind() == SqlToken.Kind.WORD
                    && List.of("ANALYZE", "ANALYSE", "VERBOSE").contains(word(text, tokens.get(at)))) {
                at++;
            }
        }
        if (at < tokens.size() && word(text, tokens.get(at)).equals("EXECUTE")) {
            return execute(text, tokens, at);
        }
        return Optional.empty();
    }

    private static Optional<SqlPreparedCommand> deallocate(String text, List<SqlToken> tokens) {
        int at = 1;
        if (at < tokens.size() && word(text, tokens.get(at)).equals("PREPARE")) {
            at++;
        }
        if (at >= tokens.size()) {
            throw new SyntaxError("syntax error at end of input", text.length() + 1);
        }
        if (word(text, tokens.get(at)).equals("ALL")) {
            return Optional.of(new Deallocate(Optional.empty()));
        }
        String name = name(text, tokens.get(at));
        if (name == null) {
            throw syntaxError(text, tokens.get(at));
        }
        return Optional.of(new Deallocate(Optional.of(name)));
    }

    /** The comma-separated items between tokens {@code from} and {@code to} (exclusive), as written. */
    private static List<String> splitList(String text, List<SqlToken> tokens, int from, int to) {
        List<String> items = new ArrayList<>();
        int depth = 0;
        int itemStart = -1;
        int itemEnd = -1;
        for (int i = from; i < to; i++) {
            SqlToken t = tokens.get(i);
            boolean comma = t.kind() == SqlToken.Kind.OPERATOR && text.charAt(t.start()) == ',';
            if (depth == 0 && comma) {
                if (itemStart < 0) {
                    throw syntaxError(text, t);
                }
                items.add(text.substring(itemStart, itemEnd));
                itemStart = -1;
                continue;
            }
            if (t.kind() == SqlToken.Kind.OPEN_PAREN || isBracket(text, t, '[')) {
                depth++;
            } else if (t.kind() == SqlToken.Kind.CLOSE_PAREN || isBracket(text, t, ']')) {
                depth--;
            }
            itemStart = itemStart < 0 ? t.start() : itemStart;
            itemEnd = t.end();
        }
        if (itemStart >= 0) {
            items.add(text.substring(itemStart, itemEnd));
        } else if (!items.isEmpty() || to > from) {
            throw syntaxError(text, tokens.get(to));
        }
        return items;
    }

    private static boolean isBracket(String text, SqlToken t, char bracket) {
        return t.kind() == SqlToken.Kind.OPERATOR && text.charAt(t.start()) == bracket;
    }

    private static int closingParen(List<SqlToken> tokens, int open) {
        int depth = 0;
        for (int i = open; i < tokens.size(); i++) {
            if (tokens.get(i).kind() == SqlToken.Kind.OPEN_PAREN) {
                depth++;
            } else if (tokens.get(i).kind() == SqlToken.Kind.CLOSE_PAREN && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /** An identifier as PostgreSQL stores it: unquoted folds to lower case; null when not an identifier. */
    private static String name(String text, SqlToken token) {
        if (token.kind() == SqlToken.Kind.WORD) {
            return token.text(text).toLowerCase(Locale.ROOT);
        }
        if (token.kind() == SqlToken.Kind.QUOTED_IDENTIFIER) {
            String raw = token.text(text);
            return raw.substring(1, raw.length() - 1).replace("\"\"", "\"");
        }
        return null;
    }

    private static String word(String text, SqlToken token) {
        return token.kind() == SqlToken.Kind.WORD ? token.text(text).toUpperCase(Locale.ROOT) : "";
    }

    private static List<SqlToken> meaningful(StatementText statement) {
        return statement.tokens().stream().filter(t -> !t.isTrivia()).toList();
    }

    private static SyntaxError syntaxError(String text, SqlToken at) {
        return new SyntaxError("syntax error at or near \"" + at.text(text) + "\"",
                text.codePointCount(0, at.start()) + 1);
    }

    /** A malformed command: PostgreSQL's 42601 with the 1-based position in the statement. */
    final class SyntaxError extends io.distgres.planner.errors.SqlStateException {
        private final int position;

        SyntaxError(String message, int position) {
            super(SqlState.SYNTAX_ERROR, message);
            this.position = position;
        }

        public int position() {
            return position;
        }
    }
}
