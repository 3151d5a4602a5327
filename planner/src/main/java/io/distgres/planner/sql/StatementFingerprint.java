package io.distgres.planner.sql;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A statement with its constants taken out, as pg_stat_statements and Vitess's normaliser see it:
 * number and string literals become {@code $n} (numbered after the statement's own parameters),
 * so {@code WHERE aid = 5} and {@code WHERE aid = 6} share one fingerprint. The one mechanism
 * for everything that groups statements by shape: the planner's route cache, statement
 * statistics, the result cache.
 *
 * <p>Only the lexer reads the text: no parse. Dollar-quoted strings, {@code NULL}, {@code TRUE}
 * and the like stay part of the shape.
 *
 * @param text      the statement with each constant replaced by {@code $n}, whitespace and
 *                  comments as written (what statistics show)
 * @param key       {@link #text} plus the kind of each constant ({@code i} integer, {@code n} other
 *                  number, {@code s} string, {@code e} {@code E''} string), so a shape reused with another kind of constant is
 *                  another fingerprint
 * @param tokens    the statement's tokens, trivia (whitespace, comments) included
 * @param constants indexes into {@link #tokens} of the constants, in order ($n numbers follow it)
 */
public record StatementFingerprint(String text, String key, List<SqlToken> tokens, List<Integer> constants) {
    public StatementFingerprint {
        requireNonNull(text, "text is null");
        requireNonNull(key, "key is null");
        tokens = List.copyOf(tokens);
        constants = List.copyOf(constants);
    }

    /** The fingerprint of {@code sql}. */
    public static StatementFingerprint of(String sql) {
        return of(sql, SqlLexer.tokenize(sql));
    }

    /** The fingerprint of {@code sql}, already cut into {@code tokens} by {@link SqlLexer}. */
    public static StatementFingerprint of(String sql, List<SqlToken> tokens) {
        int highestParameter = 0;
        for (SqlToken token : tokens) {
            if (token.kind() == SqlToken.Kind.PARAMETER) {
                highestParameter = Math.max(highestParameter, parameterNumber(sql, token));
            }
        }
        StringBuilder text = new StringBuilder(sql.length());
        StringBuilder kinds = new StringBuilder();
        List<Integer> constants = new ArrayList<>();
        int copied = 0;
        for (int i = 0; i < tokens.size(); i++) {
            SqlToken token = tokens.get(i);
            char kind = constantKind(sql, token);
            if (kind == 0) {
                continue;
            }
            constants.add(i);
            kinds.append(kind);
            text.append(sql, copied, token.start()).append('$').append(highestParameter + constants.size());
            copied = token.end();
        }
        text.append(sql, copied, sql.length());
        String normalized = text.toString();
        return new StatementFingerprint(normalized, normalized + '\0' + kinds, tokens, constants);
    }

    /** The token of constant {@code index} (0 for the first, which became {@code $(k+1)}). */
    public SqlToken constant(int index) {
        return tokens.get(constants.get(index));
    }

    /**
     * The value constant {@code index} stands for, as text, when it is an integer or a plain
     * {@code '...'} string without backslashes (whose value does not depend on
     * standard_conforming_strings); empty for other constants.
     */
    public Optional<String> plainValue(String sql, int index) {
        SqlToken token = constant(index);
        String written = token.text(sql);
        if (token.kind() == SqlToken.Kind.NUMBER) {
            return isInteger(written) ? Optional.of(written) : Optional.empty();
        }
        if (written.charAt(0) == '\'' && written.indexOf('\\') < 0 && SqlLiterals.isTerminated(written)) {
            return Optional.of(SqlLiterals.value(written));
        }
        return Optional.empty();
    }

    private static char constantKind(String sql, SqlToken token) {
        if (token.kind() == SqlToken.Kind.NUMBER) {
            return isInteger(sql.substring(token.start(), token.end())) ? 'i' : 'n';
        }
        if (token.kind() != SqlToken.Kind.STRING) {
            return 0;
        }
        return sql.charAt(token.start()) == '\'' ? 's' : 'e';
    }

    private static boolean isInteger(String written) {
        for (int i = 0; i < written.length(); i++) {
            if (written.charAt(i) < '0' || written.charAt(i) > '9') {
                return false;
            }
        }
        return !written.isEmpty();
    }

    private static int parameterNumber(String sql, SqlToken token) {
        try {
            return Integer.parseInt(sql, token.start() + 1, token.end(), 10);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
