package io.distgres.planner.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits PostgreSQL SQL text into coarse tokens, following PostgreSQL's rules for string literals
 * (standard, E'' escapes, dollar quotes), quoted identifiers, nested block comments, line
 * comments and {@code $n} parameters. It never fails: unterminated constructs run to the end of
 * the text and PostgreSQL reports them.
 */
public final class SqlLexer {
    private final String sql;
    private int pos;

    private SqlLexer(String sql) {
        this.sql = sql;
    }

    public static List<SqlToken> tokenize(String sql) {
        SqlLexer lexer = new SqlLexer(sql);
        List<SqlToken> tokens = new ArrayList<>();
        while (lexer.pos < sql.length()) {
            tokens.add(lexer.next());
        }
        return tokens;
    }

    private SqlToken next() {
        int start = pos;
        char c = sql.charAt(pos);
        SqlToken.Kind kind;
        if (Character.isWhitespace(c)) {
            while (pos < sql.length() && Character.isWhitespace(sql.charAt(pos))) {
                pos++;
            }
            kind = SqlToken.Kind.WHITESPACE;
        } else if (c == '-' && peek(1) == '-') {
            int newline = sql.indexOf('\n', pos);
            pos = newline < 0 ? sql.length() : newline + 1;
            kind = SqlToken.Kind.COMMENT;
        } else if (c == '/' && peek(1) == '*') {
            skipBlockComment();
            kind = SqlToken.Kind.COMMENT;
        } else if (c == '\'') {
            skipQuoted('\'', false);
            kind = SqlToken.Kind.STRING;
        } else if ((c == 'e' || c == 'E') && peek(1) == '\'') {
            pos++;
            skipQuoted('\'', true);
            kind = SqlToken.Kind.STRING;
        } else if (c == '"') {
            skipQuoted('"', false);
            kind = SqlToken.Kind.QUOTED_IDENTIFIER;
        } else if (c == '$' && Character.isDigit(peek(1))) {
            pos++;
            while (pos < sql.length() && Character.isDigit(sql.charAt(pos))) {
                pos++;
            }
            kind = SqlToken.Kind.PARAMETER;
        } else if (c == '$' && dollarTagEnd() > 0) {
            skipDollarString();
            kind = SqlToken.Kind.DOLLAR_STRING;
        } else if (isIdentifierStart(c)) {
            while (pos < sql.length() && isIdentifierPart(sql.charAt(pos))) {
                pos++;
            }
            kind = SqlToken.Kind.WORD;
        } else if (Character.isDigit(c) || (c == '.' && Character.isDigit(peek(1)))) {
            while (pos < sql.length() && (Character.isLetterOrDigit(sql.charAt(pos)) || sql.charAt(pos) == '.'
                    || sql.charAt(pos) == '_')) {
                pos++;
            }
            kind = SqlToken.Kind.NUMBER;
        } else if (c == ';') {
            pos++;
            kind = SqlToken.Kind.SEMICOLON;
        } else if (c == '(') {
            pos++;
            kind = SqlToken.Kind.OPEN_PAREN;
        } else if (c == ')') {
            pos++;
            kind = SqlToken.Kind.CLOSE_PAREN;
        } else {
            pos++;
            kind = SqlToken.Kind.OPERATOR;
        }
        return new SqlToken(kind, start, pos);
    }

    private char peek(int offset) {
        int i = pos + offset;
        return i < sql.length() ? sql.charAt(i) : '\0';
    }

    private void skipBlockComment() {
        int depth = 0;
        while (pos < sql.length()) {
            if (sql.startsWith("/*", pos)) {
                depth++;
                pos += 2;
            } else if (sql.startsWith("*/", pos)) {
                depth--;
                pos += 2;
                if (depth == 0) {
                    return;
                }
            } else {
                pos++;
            }
        }
    }

    private void skipQuoted(char quote, boolean backslashEscapes) {
        pos++;
        while (pos < sql.length()) {
            char c = sql.charAt(pos);
            if (backslashEscapes && c == '\\') {
                pos += 2;
            } else if (c == quote) {
                if (peek(1) == quote) {
                    pos += 2;
                } else {
                    pos++;
                    return;
                }
            } else {
                pos++;
            }
        }
        pos = Math.min(pos, sql.length());
    }

    /** Length of a dollar-quote tag starting at pos ("$$" or "$tag$"), or -1. */
    private int dollarTagEnd() {
        int i = pos + 1;
        if (i < sql.length() && sql.charAt(i) == '$') {
            return 2;
        }
        if (i >= sql.length() || !isIdentifierStart(sql.charAt(i))) {
            return -1;
        }
        while (i < sql.length() && isIdentifierPart(sql.charAt(i)) && sql.charAt(i) != '$') {
            i++;
        }
        return i < sql.length() && sql.charAt(i) == '$' ? i + 1 - pos : -1;
    }

    private void skipDollarString() {
        String tag = sql.substring(pos, pos + dollarTagEnd());
        int close = sql.indexOf(tag, pos + tag.length());
        pos = close < 0 ? sql.length() : close + tag.length();
    }

    private static boolean isIdentifierStart(char c) {
        return Character.isLetter(c) || c == '_' || c > 127;
    }

    private static boolean isIdentifierPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c > 127;
    }
}
