package io.distgres.planner.sql;

import io.distgres.sqlstate.SqlState;
import java.util.ArrayList;
import java.util.List;
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
        SqlTokens tokens = SqlTokens.of(statement);
        return switch (tokens.keyword(0)) {
            case "PREPARE" -> prepare(tokens);
            case "EXECUTE" -> execute(tokens, 0);
            case "EXPLAIN" -> explainExecute(tokens);
            case "DEALLOCATE" -> deallocate(tokens);
            default -> Optional.empty();
        };
    }

    private static Optional<SqlPreparedCommand> prepare(SqlTokens tokens) {
        if (tokens.size() < 2 || tokens.isKeyword(1, "TRANSACTION")) {
            return Optional.empty();
        }
        String name = name(tokens, 1);
        int at = 2;
        List<String> types = List.of();
        if (tokens.is(at, SqlToken.Kind.OPEN_PAREN)) {
            int close = closingParen(tokens, at);
            types = items(tokens, at + 1, close);
            at = close + 1;
        }
        if (!tokens.isKeyword(at, "AS")) {
            throw syntaxError(tokens, at);
        }
        if (at + 1 >= tokens.size()) {
            throw syntaxError(tokens, at + 1);
        }
        String text = tokens.text();
        int bodyStart = tokens.get(at + 1).start();
        return Optional.of(new Prepare(name, types, StatementText.of(text.substring(bodyStart)), bodyStart));
    }

    private static Optional<SqlPreparedCommand> execute(SqlTokens tokens, int at) {
        String name = name(tokens, at + 1);
        List<String> arguments = List.of();
        int next = at + 2;
        if (tokens.is(next, SqlToken.Kind.OPEN_PAREN)) {
            int close = closingParen(tokens, next);
            arguments = items(tokens, next + 1, close);
            next = close + 1;
        }
        if (next < tokens.size()) {
            throw syntaxError(tokens, next);
        }
        return Optional.of(new Execute(name, arguments, tokens.text().substring(0, tokens.get(at).start())));
    }

    /** {@code EXPLAIN [(options) | ANALYZE [VERBOSE] | VERBOSE] EXECUTE name(...)}. */
    private static Optional<SqlPreparedCommand> explainExecute(SqlTokens tokens) {
        int at = 1;
        if (tokens.is(at, SqlToken.Kind.OPEN_PAREN)) {
            at = tokens.closingParen(at) + 1;
            if (at <= 0) {
                return Optional.empty();
            }
        } else {
            while (List.of("ANALYZE", "ANALYSE", "VERBOSE").contains(tokens.keyword(at))) {
                at++;
            }
        }
        return tokens.isKeyword(at, "EXECUTE") ? execute(tokens, at) : Optional.empty();
    }

    private static Optional<SqlPreparedCommand> deallocate(SqlTokens tokens) {
        int at = tokens.isKeyword(1, "PREPARE") ? 2 : 1;
        if (tokens.isKeyword(at, "ALL")) {
            return Optional.of(new Deallocate(Optional.empty()));
        }
        return Optional.of(new Deallocate(Optional.of(name(tokens, at))));
    }

    /** The comma-separated items between tokens {@code from} and {@code to} (exclusive), as written. */
    private static List<String> items(SqlTokens tokens, int from, int to) {
        List<String> items = new ArrayList<>();
        for (SqlTokens.Span item : tokens.splitAtCommas(from, to)) {
            if (item.isEmpty()) {
                throw syntaxError(tokens, item.to());
            }
            items.add(tokens.text(item.from(), item.to()));
        }
        return items;
    }

    private static int closingParen(SqlTokens tokens, int open) {
        int close = tokens.closingParen(open);
        if (close < 0) {
            throw syntaxError(tokens, tokens.size());
        }
        return close;
    }

    /** The statement name at {@code i} as PostgreSQL stores it. */
    private static String name(SqlTokens tokens, int i) {
        String name = tokens.identifier(i);
        if (name == null) {
            throw syntaxError(tokens, i);
        }
        return name;
    }

    /** PostgreSQL's syntax error at token {@code i}, or at the end of the input past the last token. */
    private static SyntaxError syntaxError(SqlTokens tokens, int i) {
        if (i >= tokens.size()) {
            return new SyntaxError("syntax error at end of input", tokens.text().length() + 1);
        }
        return new SyntaxError("syntax error at or near \"" + tokens.text(i) + "\"", tokens.position(i));
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
