package io.distgres.coordinator.explain;

import io.distgres.coordinator.error.PgException;
import io.distgres.planner.sql.SqlToken;
import io.distgres.planner.sql.StatementText;
import io.distgres.sqlstate.SqlState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The options of an {@code EXPLAIN} statement, in either syntax ({@code EXPLAIN (ANALYZE, COSTS OFF) ...}
 * or {@code EXPLAIN ANALYZE VERBOSE ...}), and where the explained statement starts.
 *
 * @param options   option names (lower case) to their value text, null when given without a value
 * @param prefix    the client's text up to the explained statement, e.g. {@code "EXPLAIN (COSTS OFF) "}
 * @param statement the explained statement
 */
public record ExplainOptions(Map<String, String> options, String prefix, StatementText statement) {
    /** Options that need ANALYZE; left out when a plan is shown without running it. */
    private static final Set<String> ANALYZE_ONLY = Set.of("analyze", "timing", "serialize");

    public ExplainOptions {
        options = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    /** Parses {@code explain}, whose first word is EXPLAIN. */
    public static ExplainOptions parse(StatementText explain) {
        String text = explain.text();
        List<SqlToken> tokens = new ArrayList<>();
        for (SqlToken token : explain.tokens()) {
            if (!token.isTrivia()) {
                tokens.add(token);
            }
        }
        Map<String, String> options = new LinkedHashMap<>();
        int next = 1;
        if (next < tokens.size() && tokens.get(next).kind() == SqlToken.Kind.OPEN_PAREN) {
            next = parseList(text, tokens, next + 1, options);
        } else {
            for (String legacy : List.of("analyze", "verbose")) {
                if (next < tokens.size() && isWord(text, tokens.get(next), legacy)) {
                    options.put(legacy, null);
                    next++;
                } else if (legacy.equals("analyze") && next < tokens.size() && isWord(text, tokens.get(next), "analyse")) {
                    options.put(legacy, null);
                    next++;
                }
            }
        }
        if (next >= tokens.size()) {
            throw new PgException(SqlState.SYNTAX_ERROR, "syntax error at end of input");
        }
        int start = tokens.get(next).start();
        ExplainOptions parsed = new ExplainOptions(options, text.substring(0, start),
                StatementText.of(text.substring(start)));
        parsed.rejectUnsupported();
        return parsed;
    }

    /** True when the statement runs (ANALYZE). */
    public boolean analyze() {
        return enabled("analyze", false);
    }

    /** The value of a boolean option as PostgreSQL reads it; {@code otherwise} when it is not given. */
    public boolean enabled(String name, boolean otherwise) {
        if (!options.containsKey(name)) {
            return otherwise;
        }
        String value = options.get(name);
        if (value == null) {
            return true;
        }
        return switch (value.toLowerCase(Locale.ROOT).replace("'", "")) {
            case "true", "on", "1", "yes", "t", "y" -> true;
            default -> false;
        };
    }

    /** {@code EXPLAIN (...)} with the options that only make sense when the statement runs left out. */
    public String prefixWithoutAnalyze() {
        List<String> kept = new ArrayList<>();
        options.forEach((name, value) -> {
            if (!ANALYZE_ONLY.contains(name)) {
                kept.add(value == null ? name : name + " " + value);
            }
        });
        return kept.isEmpty() ? "EXPLAIN " : "EXPLAIN (" + String.join(", ", kept) + ") ";
    }

    private void rejectUnsupported() {
        String format = options.get("format");
        if (format != null && !format.equalsIgnoreCase("text")) {
            throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "EXPLAIN (FORMAT " + format.toUpperCase(Locale.ROOT)
                    + ") of statements on distributed tables is not supported; use FORMAT TEXT");
        }
        if (enabled("generic_plan", false)) {
            throw new PgException(SqlState.FEATURE_NOT_SUPPORTED,
                    "EXPLAIN (GENERIC_PLAN) of statements on distributed tables is not supported");
        }
    }

    private static int parseList(String text, List<SqlToken> tokens, int at, Map<String, String> options) {
        int i = at;
        while (i < tokens.size()) {
            SqlToken name = tokens.get(i);
            if (name.kind() != SqlToken.Kind.WORD) {
                throw syntaxError(text, name);
            }
            i++;
            String value = null;
            if (i < tokens.size() && tokens.get(i).kind() != SqlToken.Kind.CLOSE_PAREN
                    && !isComma(text, tokens.get(i))) {
                value = tokens.get(i).text(text);
                i++;
            }
            options.put(name.text(text).toLowerCase(Locale.ROOT), value);
            if (i < tokens.size() && isComma(text, tokens.get(i))) {
                i++;
            } else if (i < tokens.size() && tokens.get(i).kind() == SqlToken.Kind.CLOSE_PAREN) {
                return i + 1;
            } else {
                throw i < tokens.size() ? syntaxError(text, tokens.get(i))
                        : new PgException(SqlState.SYNTAX_ERROR, "syntax error at end of input");
            }
        }
        throw new PgException(SqlState.SYNTAX_ERROR, "syntax error at end of input");
    }

    private static boolean isComma(String text, SqlToken token) {
        return token.kind() == SqlToken.Kind.OPERATOR && text.charAt(token.start()) == ',';
    }

    private static boolean isWord(String text, SqlToken token, String word) {
        return token.kind() == SqlToken.Kind.WORD && token.text(text).equalsIgnoreCase(word);
    }

    private static PgException syntaxError(String text, SqlToken at) {
        return new PgException(new io.distgres.coordinator.error.PgError("ERROR", SqlState.SYNTAX_ERROR,
                "syntax error at or near \"" + at.text(text) + "\"", null, null,
                text.codePointCount(0, at.start()) + 1, null, null, null, null, null, null));
    }
}
