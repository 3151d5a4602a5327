package io.distgres.coordinator.transaction;

import io.distgres.planner.sql.SqlTokens;
import io.distgres.planner.sql.StatementText;
import java.util.List;

/** The statements a distributed transaction must see besides its tasks, recognised by their leading words. */
enum TransactionStatement {
    COMMIT, ROLLBACK, SAVEPOINT, RELEASE, ROLLBACK_TO, SET_LOCAL,
    /** BEGIN or START TRANSACTION with modes, SET TRANSACTION, SET SESSION CHARACTERISTICS: may change isolation. */
    TRANSACTION_MODES,
    /** COMMIT/ROLLBACK AND CHAIN, PREPARE TRANSACTION: not supported once workers take part. */
    UNSUPPORTED,
    /** Anything else (including COMMIT PREPARED, which PostgreSQL refuses inside a block anyway). */
    OTHER;

    static TransactionStatement of(StatementText statement) {
        List<String> words = statement.leadingWords(8);
        if (words.isEmpty()) {
            return OTHER;
        }
        String first = words.get(0);
        String second = words.size() > 1 ? words.get(1) : "";
        boolean chain = words.contains("CHAIN") && !words.contains("NO");
        return switch (first) {
            case "COMMIT", "END" -> second.equals("PREPARED") ? OTHER : chain ? UNSUPPORTED : COMMIT;
            case "ROLLBACK", "ABORT" -> second.equals("PREPARED") ? OTHER
                    : words.contains("TO") ? ROLLBACK_TO : chain ? UNSUPPORTED : ROLLBACK;
            case "SAVEPOINT" -> SAVEPOINT;
            case "RELEASE" -> RELEASE;
            case "PREPARE" -> second.equals("TRANSACTION") ? UNSUPPORTED : OTHER;
            case "SET" -> second.equals("LOCAL") ? SET_LOCAL
                    : second.equals("TRANSACTION") || second.equals("SESSION") ? TRANSACTION_MODES : OTHER;
            case "BEGIN", "START" -> words.stream().skip(1).anyMatch(w -> !w.equals("WORK") && !w.equals("TRANSACTION"))
                    ? TRANSACTION_MODES : OTHER;
            default -> OTHER;
        };
    }

    /** The savepoint a SAVEPOINT, RELEASE or ROLLBACK TO names: its last token, folded as PostgreSQL folds it. */
    static String savepointName(StatementText statement) {
        SqlTokens tokens = SqlTokens.of(statement);
        if (tokens.size() == 0) {
            return "";
        }
        int last = tokens.size() - 1;
        // a last token that is no name (a string, a number): PostgreSQL rejects the statement itself
        return tokens.isIdentifier(last) ? tokens.identifier(last) : tokens.text(last);
    }
}
