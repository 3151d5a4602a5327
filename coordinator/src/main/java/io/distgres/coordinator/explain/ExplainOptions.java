package io.distgres.coordinator.explain;

import io.distgres.coordinator.error.PgException;
import io.distgres.planner.sql.SqlIdentifiers;
import io.distgres.planner.sql.SqlToken;
import io.distgres.planner.sql.SqlTokens;
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
        SqlTokens tokens = SqlTokens.of(explain);
        Map<String, String> options = new LinkedHashMap<>();
        int next = 1;
        if (tokens.is(next, SqlToken.Kind.OPEN_PAREN)) {
            next = parseList(tokens, next + 1, options);
        } else {
            if (tokens.isKeyword(next, "ANALYZE") || tokens.isKeyword(next, "ANALYSE")) {
                options.put("analyze", null);
                next++;
            }
            if (tokens.isKeyword(next, "VERBOSE")) {
                options.put("verbose", null);
                next++;
            }
        }
        if (next >= tokens.size()) {
            throw new PgException(SqlState.SYNTAX_ERROR, "syntax error at end of input");
        }
        String text = explain.text();
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

    private static int parseList(SqlTokens tokens, int at, Map<String, String> options) {
        int i = at;
        while (i < tokens.size()) {
            if (!tokens.is(i, SqlToken.Kind.WORD)) {
                throw syntaxError(tokens, i);
            }
            String name = SqlIdentifiers.foldCase(tokens.text(i));
            i++;
            String value = null;
            if (i < tokens.size() && !tokens.is(i, SqlToken.Kind.CLOSE_PAREN) && !tokens.isSymbol(i, ",")) {
                value = tokens.text(i);
                i++;
            }
            options.put(name, value);
            if (tokens.isSymbol(i, ",")) {
                i++;
            } else if (tokens.is(i, SqlToken.Kind.CLOSE_PAREN)) {
                return i + 1;
            } else {
                throw syntaxError(tokens, i);
            }
        }
        throw syntaxError(tokens, i);
    }

    private static PgException syntaxError(SqlTokens tokens, int at) {
        if (at >= tokens.size()) {
            return new PgException(SqlState.SYNTAX_ERROR, "syntax error at end of input");
        }
        return new PgException(new io.distgres.coordinator.error.PgError("ERROR", SqlState.SYNTAX_ERROR,
                "syntax error at or near \"" + tokens.text(at) + "\"", null, null, tokens.position(at), null, null,
                null, null, null, null));
    }
}
