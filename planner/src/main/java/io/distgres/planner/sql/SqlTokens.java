package io.distgres.planner.sql;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * The meaningful tokens of one statement (no whitespace, comments or semicolons), indexed, with what
 * the small recognizers over them ask: keywords, identifiers as PostgreSQL stores them, string values,
 * matching parentheses and comma-separated lists at one nesting depth. Every lookup is safe past either
 * end (it answers as for a missing token), so recognizers need no bounds checks of their own.
 */
public final class SqlTokens {
    private final String text;
    private final List<SqlToken> tokens;

    private SqlTokens(String text, List<SqlToken> tokens) {
        this.text = requireNonNull(text, "text is null");
        this.tokens = tokens;
    }

    /** The meaningful tokens of {@code statement}. */
    public static SqlTokens of(StatementText statement) {
        return new SqlTokens(statement.text(), statement.tokens().stream()
                .filter(t -> !t.isTrivia() && t.kind() != SqlToken.Kind.SEMICOLON).toList());
    }

    /** The meaningful tokens of {@code sql}, lexed here. */
    public static SqlTokens of(String sql) {
        return of(StatementText.of(sql));
    }

    /** An index range {@code [from, to)} of tokens. */
    public record Span(int from, int to) {
        public boolean isEmpty() {
            return from >= to;
        }
    }

    public String text() {
        return text;
    }

    public int size() {
        return tokens.size();
    }

    public SqlToken get(int i) {
        return tokens.get(i);
    }

    /** The text of token {@code i}, or "" past the end. */
    public String text(int i) {
        return has(i) ? tokens.get(i).text(text) : "";
    }

    /** The text of tokens {@code [from, to)} as written, whitespace and comments between them included. */
    public String text(int from, int to) {
        return from >= to ? "" : text.substring(tokens.get(from).start(), tokens.get(to - 1).end());
    }

    private boolean has(int i) {
        return i >= 0 && i < tokens.size();
    }

    public boolean is(int i, SqlToken.Kind kind) {
        return has(i) && tokens.get(i).kind() == kind;
    }

    /** The word at {@code i} in upper case (ASCII letters only, as PostgreSQL matches keywords), or "". */
    public String keyword(int i) {
        return has(i) ? tokens.get(i).keyword(text) : "";
    }

    /** True when the tokens from {@code i} on are the words {@code upperCaseWords}, in that order. */
    public boolean isKeywords(int i, String... upperCaseWords) {
        for (int k = 0; k < upperCaseWords.length; k++) {
            if (!isKeyword(i + k, upperCaseWords[k])) {
                return false;
            }
        }
        return true;
    }

    /** True when token {@code i} is the word {@code upperCaseWord}, in any case. */
    public boolean isKeyword(int i, String upperCaseWord) {
        if (!is(i, SqlToken.Kind.WORD)) {
            return false;
        }
        SqlToken t = tokens.get(i);
        if (t.end() - t.start() != upperCaseWord.length()) {
            return false;
        }
        for (int k = 0; k < upperCaseWord.length(); k++) {
            char c = text.charAt(t.start() + k);
            // ASCII folding only, as PostgreSQL's scanner: regionMatches would let 'ı' match 'I'
            if ((c >= 'a' && c <= 'z' ? (char) (c - ('a' - 'A')) : c) != upperCaseWord.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** True when token {@code i} is the operator or punctuation {@code symbol} ({@code ","}, {@code "."}, ...). */
    public boolean isSymbol(int i, String symbol) {
        if (!is(i, SqlToken.Kind.OPERATOR)) {
            return false;
        }
        SqlToken t = tokens.get(i);
        return t.end() - t.start() == symbol.length() && text.startsWith(symbol, t.start());
    }

    /** True when token {@code i} is an identifier, quoted or not (an unreserved keyword counts). */
    public boolean isIdentifier(int i) {
        return is(i, SqlToken.Kind.WORD) || is(i, SqlToken.Kind.QUOTED_IDENTIFIER);
    }

    /** The identifier at {@code i} as PostgreSQL stores it ({@link SqlIdentifiers#name}), or null when none is there. */
    public String identifier(int i) {
        return isIdentifier(i) ? SqlIdentifiers.name(tokens.get(i).text(text)) : null;
    }

    /** True when token {@code i} is a string literal (standard, escaped or dollar-quoted). */
    public boolean isString(int i) {
        return is(i, SqlToken.Kind.STRING) || is(i, SqlToken.Kind.DOLLAR_STRING);
    }

    /** The value of the string literal at {@code i} ({@link SqlLiterals#value}), or null when none is there. */
    public String stringValue(int i) {
        return isString(i) ? SqlLiterals.value(tokens.get(i).text(text)) : null;
    }

    /** The index of the parenthesis closing the one opened at {@code open}, or -1 when it is never closed. */
    public int closingParen(int open) {
        int depth = 0;
        for (int i = open; i < tokens.size(); i++) {
            SqlToken.Kind kind = tokens.get(i).kind();
            if (kind == SqlToken.Kind.OPEN_PAREN) {
                depth++;
            } else if (kind == SqlToken.Kind.CLOSE_PAREN && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The first index in {@code [from, to)} outside any parentheses or brackets opened in that range
     * whose token is the word {@code upperCaseWord}, or -1.
     */
    public int findKeyword(int from, int to, String upperCaseWord) {
        int depth = 0;
        for (int i = from; i < Math.min(to, tokens.size()); i++) {
            if (depth == 0 && isKeyword(i, upperCaseWord)) {
                return i;
            }
            depth += depthChange(i);
        }
        return -1;
    }

    /** True when any token in {@code [from, to)}, at any depth, is the word {@code upperCaseWord}. */
    public boolean containsKeyword(int from, int to, String upperCaseWord) {
        for (int i = from; i < Math.min(to, tokens.size()); i++) {
            if (isKeyword(i, upperCaseWord)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The items of the comma-separated list in {@code [from, to)}, split at commas outside parentheses
     * and brackets; an empty range has no items, and empty items (two commas in a row) are kept.
     */
    public List<Span> splitAtCommas(int from, int to) {
        List<Span> items = new ArrayList<>();
        if (from >= to) {
            return items;
        }
        int depth = 0;
        int itemStart = from;
        for (int i = from; i < to; i++) {
            if (depth == 0 && isSymbol(i, ",")) {
                items.add(new Span(itemStart, i));
                itemStart = i + 1;
            } else {
                depth += depthChange(i);
            }
        }
        items.add(new Span(itemStart, to));
        return items;
    }

    /** +1 for an opening parenthesis or bracket at {@code i}, -1 for a closing one, else 0. */
    public int depthChange(int i) {
        SqlToken.Kind kind = tokens.get(i).kind();
        if (kind == SqlToken.Kind.OPEN_PAREN || isSymbol(i, "[")) {
            return 1;
        }
        return kind == SqlToken.Kind.CLOSE_PAREN || isSymbol(i, "]") ? -1 : 0;
    }

    /** The 1-based character position of token {@code i} in the statement, as PostgreSQL reports positions. */
    public int position(int i) {
        int at = i < tokens.size() ? tokens.get(i).start() : text.length();
        return text.codePointCount(0, at) + 1;
    }
}
