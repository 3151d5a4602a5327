package io.distgres.planner.classify;

import io.distgres.planner.sql.SqlToken;
import io.distgres.planner.sql.StatementText;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Recognizes statements that only call one function — the form of distgres's SQL API
 * ({@code SELECT create_distributed_table('t', 'c')}) — from the statement's tokens.
 */
public final class FunctionCallRecognizer {

    /** The call, when the statement is {@code SELECT [schema.]f(...)} or {@code SELECT * FROM [schema.]f(...)}. */
    public Optional<FunctionCall> recognize(StatementText statement) {
        List<SqlToken> tokens = statement.tokens().stream().filter(t -> !t.isTrivia()).toList();
        String text = statement.text();
        int i = 0;
        if (!isWord(tokens, i, text, "select")) {
            return Optional.empty();
        }
        i++;
        if (isOperator(tokens, i, text, "*")) {
            if (!isWord(tokens, i + 1, text, "from")) {
                return Optional.empty();
            }
            i += 2;
        }
        if (i + 2 < tokens.size() && isOperator(tokens, i + 1, text, ".")) {
            i += 2;
        }
        if (i >= tokens.size() || !isName(tokens.get(i))) {
            return Optional.empty();
        }
        String name = name(tokens.get(i), text);
        i++;
        if (i >= tokens.size() || tokens.get(i).kind() != SqlToken.Kind.OPEN_PAREN) {
            return Optional.empty();
        }
        int open = i;
        int depth = 0;
        for (; i < tokens.size(); i++) {
            SqlToken.Kind kind = tokens.get(i).kind();
            if (kind == SqlToken.Kind.OPEN_PAREN) {
                depth++;
            } else if (kind == SqlToken.Kind.CLOSE_PAREN && --depth == 0) {
                break;
            }
        }
        if (i != tokens.size() - 1) {
            return Optional.empty();
        }
        String arguments = text.substring(tokens.get(open).end(), tokens.get(i).start());
        return Optional.of(new FunctionCall(name, arguments));
    }

    private static boolean isName(SqlToken token) {
        return token.kind() == SqlToken.Kind.WORD || token.kind() == SqlToken.Kind.QUOTED_IDENTIFIER;
    }

    private static String name(SqlToken token, String text) {
        String raw = token.text(text);
        if (token.kind() == SqlToken.Kind.QUOTED_IDENTIFIER) {
            return raw.substring(1, raw.length() - 1).replace("\"\"", "\"");
        }
        return raw.toLowerCase(Locale.ROOT);
    }

    private static boolean isWord(List<SqlToken> tokens, int i, String text, String word) {
        return i < tokens.size() && tokens.get(i).kind() == SqlToken.Kind.WORD
                && tokens.get(i).text(text).equalsIgnoreCase(word);
    }

    private static boolean isOperator(List<SqlToken> tokens, int i, String text, String op) {
        return i < tokens.size() && tokens.get(i).kind() == SqlToken.Kind.OPERATOR && tokens.get(i).text(text).equals(op);
    }
}
