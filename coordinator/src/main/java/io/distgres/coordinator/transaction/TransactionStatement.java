package io.distgres.coordinator.transaction;

import io.distgres.planner.sql.SqlTokens;
import io.distgres.planner.sql.StatementText;
import java.util.List;

/**
 * The statements that begin, end or subdivide a transaction, or set what the rest of it runs with,
 * recognised by their leading words: what the session's implicit transaction and its distributed
 * transaction must each do around them.
 */
public enum TransactionStatement {
    /** BEGIN or START TRANSACTION without modes. */
    BEGIN,
    /** BEGIN or START TRANSACTION with modes (isolation level, read only): they may differ from the defaults. */
    BEGIN_WITH_MODES,
    /** COMMIT or END. */
    COMMIT,
    /** ROLLBACK or ABORT. */
    ROLLBACK,
    COMMIT_AND_CHAIN,
    ROLLBACK_AND_CHAIN,
    /** ROLLBACK TO [SAVEPOINT]. */
    ROLLBACK_TO,
    SAVEPOINT,
    /** RELEASE [SAVEPOINT]. */
    RELEASE,
    SET_LOCAL,
    /** SET TRANSACTION, SET SESSION ...: may change the transaction's modes. */
    TRANSACTION_MODES,
    PREPARE_TRANSACTION,
    /** COMMIT PREPARED, ROLLBACK PREPARED: PostgreSQL refuses them inside a block. */
    FINISH_PREPARED,
    /** Not a transaction statement. */
    NONE;

    public static TransactionStatement of(StatementText statement) {
        List<String> words = statement.leadingWords(8);
        if (words.isEmpty()) {
            return NONE;
        }
        String first = words.get(0);
        String second = words.size() > 1 ? words.get(1) : "";
        boolean chain = words.contains("CHAIN") && !words.contains("NO");
        return switch (first) {
            case "BEGIN" -> beginWith(words);
            case "START" -> second.equals("TRANSACTION") ? beginWith(words) : NONE;
            case "COMMIT", "END" -> second.equals("PREPARED") ? FINISH_PREPARED : chain ? COMMIT_AND_CHAIN : COMMIT;
            case "ROLLBACK", "ABORT" -> second.equals("PREPARED") ? FINISH_PREPARED
                    : words.contains("TO") ? ROLLBACK_TO : chain ? ROLLBACK_AND_CHAIN : ROLLBACK;
            case "SAVEPOINT" -> SAVEPOINT;
            case "RELEASE" -> RELEASE;
            case "PREPARE" -> second.equals("TRANSACTION") ? PREPARE_TRANSACTION : NONE;
            case "SET" -> second.equals("LOCAL") ? SET_LOCAL
                    : second.equals("TRANSACTION") || second.equals("SESSION") ? TRANSACTION_MODES : NONE;
            default -> NONE;
        };
    }

    private static TransactionStatement beginWith(List<String> words) {
        return words.stream().skip(1).anyMatch(w -> !w.equals("WORK") && !w.equals("TRANSACTION"))
                ? BEGIN_WITH_MODES : BEGIN;
    }

    /**
     * True for the statements PostgreSQL still accepts in a failed transaction (its
     * IsTransactionExitStmt): COMMIT, ROLLBACK (also TO SAVEPOINT, AND CHAIN, PREPARED) and PREPARE
     * TRANSACTION.
     */
    public boolean endsFailedTransaction() {
        return switch (this) {
            case COMMIT, ROLLBACK, COMMIT_AND_CHAIN, ROLLBACK_AND_CHAIN, ROLLBACK_TO, PREPARE_TRANSACTION,
                    FINISH_PREPARED -> true;
            default -> false;
        };
    }

    /**
     * True for statements that begin, end or subdivide a transaction block themselves, which an
     * implicit transaction must not be opened around; SET LOCAL and SET TRANSACTION only run in one.
     */
    public boolean controlsBlock() {
        return switch (this) {
            case SET_LOCAL, TRANSACTION_MODES, NONE -> false;
            default -> true;
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
