package io.distgres.planner.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a simple-protocol query string into statements at top-level semicolons, as PostgreSQL's
 * parser does, keeping each statement's text and offset.
 */
public final class StatementSplitter {
    private StatementSplitter() {
    }

    /** The statements of {@code sql}; pieces holding only trivia are kept (callers skip them). */
    public static List<StatementText> split(String sql) {
        List<SqlToken> tokens = SqlLexer.tokenize(sql);
        List<StatementText> statements = new ArrayList<>();
        int depth = 0;
        int start = 0;
        List<SqlToken> current = new ArrayList<>();
        for (SqlToken token : tokens) {
            if (token.kind() == SqlToken.Kind.OPEN_PAREN) {
                depth++;
            } else if (token.kind() == SqlToken.Kind.CLOSE_PAREN && depth > 0) {
                depth--;
            }
            if (token.kind() == SqlToken.Kind.SEMICOLON && depth == 0) {
                statements.add(piece(sql, start, token.start(), current));
                start = token.end();
                current = new ArrayList<>();
            } else {
                current.add(token);
            }
        }
        if (start < sql.length() || statements.isEmpty()) {
            statements.add(piece(sql, start, sql.length(), current));
        }
        return statements;
    }

    private static StatementText piece(String sql, int start, int end, List<SqlToken> tokens) {
        List<SqlToken> shifted = tokens.stream()
                .map(t -> new SqlToken(t.kind(), t.start() - start, t.end() - start))
                .toList();
        return new StatementText(sql.substring(start, end), start, shifted);
    }
}
