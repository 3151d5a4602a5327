package io.distgres.planner.classify;

import io.distgres.planner.sql.SqlToken;
import io.distgres.planner.sql.SqlTokens;
import io.distgres.planner.sql.StatementText;
import java.util.Optional;

/**
 * Recognizes statements that only call one function — the form of distgres's SQL API
 * ({@code SELECT create_distributed_table('t', 'c')}) — from the statement's tokens.
 */
public final class FunctionCallRecognizer {

    /** The call, when the statement is {@code SELECT [schema.]f(...)} or {@code SELECT * FROM [schema.]f(...)}. */
    public Optional<FunctionCall> recognize(StatementText statement) {
        SqlTokens tokens = SqlTokens.of(statement);
        int i = 0;
        if (!tokens.isKeyword(i, "SELECT")) {
            return Optional.empty();
        }
        i++;
        if (tokens.isSymbol(i, "*")) {
            if (!tokens.isKeyword(i + 1, "FROM")) {
                return Optional.empty();
            }
            i += 2;
        }
        if (i + 2 < tokens.size() && tokens.isSymbol(i + 1, ".")) {
            i += 2;
        }
        String name = tokens.identifier(i);
        if (name == null || !tokens.is(i + 1, SqlToken.Kind.OPEN_PAREN)) {
            return Optional.empty();
        }
        int open = i + 1;
        int close = tokens.closingParen(open);
        if (close != tokens.size() - 1) {
            return Optional.empty();
        }
        String arguments = tokens.text().substring(tokens.get(open).end(), tokens.get(close).start());
        return Optional.of(new FunctionCall(name, arguments));
    }
}
