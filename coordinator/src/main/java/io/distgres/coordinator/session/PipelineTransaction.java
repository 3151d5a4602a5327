package io.distgres.coordinator.session;

import static java.util.Objects.requireNonNull;

import io.distgres.coordinator.backend.DiscardingSink;
import io.distgres.coordinator.backend.ResultSink;
import io.distgres.coordinator.error.PgError;
import io.distgres.coordinator.error.PgException;
import io.distgres.coordinator.pgwire.codec.FrontendMessage;
import io.distgres.coordinator.pgwire.codec.TransactionStatus;
import io.distgres.coordinator.session.route.RoutedStatement;
import io.distgres.coordinator.session.route.StatementRoute;
import io.distgres.coordinator.transaction.TransactionStatement;
import io.distgres.planner.sql.SqlToken;
import io.distgres.planner.sql.StatementText;
import io.distgres.sqlstate.SqlState;
import java.util.List;

/**
 * The implicit transaction of an extended-protocol pipeline, or of a simple query string of
 * several statements: PostgreSQL runs the statements executed before one Sync (or of one query
 * string) in one transaction, committed at the Sync (the string's end) and undone by an error.
 *
 * <p>It opens lazily. A statement whose Sync has already arrived with no other Execute before it
 * runs alone in autocommit, so a lone Parse/Bind/Execute/Sync (pgbench -M prepared, pgjdbc's
 * autocommit statements) pays no BEGIN and COMMIT. Otherwise — more Executes queued, or the rest
 * of the pipeline not arrived yet — BEGIN runs on the coordinator database first; distributed
 * statements then join the session's distributed transaction, which commits or rolls back at
 * the Sync with it.
 *
 * <p>The coordinator database thereby holds a transaction block where PostgreSQL holds only a
 * started transaction, so transaction statements inside it are answered here as PostgreSQL
 * answers them: BEGIN makes the transaction the client's block (the statements before it
 * included), COMMIT and ROLLBACK end it with PostgreSQL's warning, SET LOCAL warns, savepoints and
 * AND CHAIN fail.
 */
final class PipelineTransaction {
    /** Makes the implicit transaction of one pipeline or query string. */
    interface Factory {
        PipelineTransaction create();
    }

    private final SessionState state;
    private final StatementCycle cycle;
    private final SessionInbox inbox;
    private boolean open;

    PipelineTransaction(SessionState state, StatementCycle cycle, SessionInbox inbox) {
        this.state = requireNonNull(state, "state is null");
        this.cycle = requireNonNull(cycle, "cycle is null");
        this.inbox = requireNonNull(inbox, "inbox is null");
    }

    /** True while the pipeline's statements run in a transaction this class opened. */
    boolean isOpen() {
        return open;
    }

    /**
     * Called before a portal first runs. Opens the transaction unless the session is in a block
     * already, the statement manages transactions itself or refuses blocks (VACUUM: PostgreSQL
     * commits it at once), or it runs alone before its Sync.
     *
     * @param ownExecutesQueued how many queued Executes are this portal's own (1 when it runs at Describe)
     */
    void beforeRun(RoutedStatement statement, int ownExecutesQueued) {
        if (open || state.transactionStatus() != TransactionStatus.IDLE) {
            return;
        }
        if (runsAlone(ownExecutesQueued) || statement.controlsTransactionBlock()
                || statement.effects().refusesTransactionBlock()) {
            return;
        }
        state.acquireLease().run("BEGIN", 0, List.of(), DiscardingSink.INSTANCE);
        open = true;
    }

    /**
     * Simple protocol: called before each statement of a query string of several. Opens the
     * transaction unless the session is in a block already or the statement manages transactions
     * itself; statements that refuse blocks (VACUUM) then fail as in PostgreSQL, which runs every
     * statement of such a string in its implicit block.
     */
    void beforeStatementOfString(RoutedStatement statement) {
        if (open || state.transactionStatus() != TransactionStatus.IDLE || statement.controlsTransactionBlock()) {
            return;
        }
        state.acquireLease().run("BEGIN", 0, List.of(), DiscardingSink.INSTANCE);
        open = true;
    }

    /** After an error: rolls the open transaction back. */
    void rollback() {
        if (open) {
            end(false);
        }
    }

    /**
     * Runs a transaction statement while the transaction is open, as PostgreSQL runs it in a
     * pipeline; false when the transaction is not open or {@code statement} is none of these.
     */
    boolean runTransactionStatement(RoutedStatement routed, ResultSink sink) {
        if (!open || !(routed.route() instanceof StatementRoute.TransactionControl control)) {
            return false;
        }
        switch (control.statement()) {
            case BEGIN, BEGIN_WITH_MODES -> {
                becomeClientBlock(routed.statement());
                sink.complete("BEGIN");
                return true;
            }
            case COMMIT, ROLLBACK -> {
                boolean commit = control.statement() == TransactionStatement.COMMIT;
                sink.notice(warning("there is no transaction in progress"));
                end(commit);
                sink.complete(commit ? "COMMIT" : "ROLLBACK");
                return true;
            }
            case ROLLBACK_TO -> throw notInBlock("ROLLBACK TO SAVEPOINT");
            case COMMIT_AND_CHAIN -> throw notInBlock("COMMIT AND CHAIN");
            case ROLLBACK_AND_CHAIN -> throw notInBlock("ROLLBACK AND CHAIN");
            case SET_LOCAL -> {
                // PostgreSQL warns, then applies it until the Sync; running it is left to the caller
                sink.notice(warning("SET LOCAL can only be used in transaction blocks"));
                return false;
            }
            case SAVEPOINT -> throw notInBlock("SAVEPOINT");
            case RELEASE -> throw notInBlock("RELEASE SAVEPOINT");
            default -> {
                return false;
            }
        }
    }

    /** At Sync: commits the transaction, or rolls it back after an error. */
    void sync() {
        if (!open) {
            return;
        }
        open = false;
        if (state.hasLease() && state.transactionStatus() != TransactionStatus.IDLE) {
            cycle.endImplicitTransaction(state.transactionStatus() == TransactionStatus.OPEN);
        }
    }

    /**
     * True when the Sync is already queued with no other statement's Execute before it. When the
     * queue ends first, the rest of the pipeline is still on its way and may hold more statements.
     */
    private boolean runsAlone(int ownExecutesQueued) {
        int own = ownExecutesQueued;
        for (FrontendMessage queued : inbox.queued()) {
            if (queued instanceof FrontendMessage.Sync) {
                return true;
            }
            if (queued instanceof FrontendMessage.Execute && own-- <= 0) {
                return false;
            }
        }
        return false;
    }

    /**
     * BEGIN inside the pipeline: the transaction becomes the client's block, holding the statements
     * before it. Its modes apply as SET TRANSACTION, which fails as PostgreSQL's BEGIN does once a
     * query ran ("must be called before any query").
     */
    private void becomeClientBlock(StatementText statement) {
        open = false;
        String modes = modesOf(statement);
        if (!modes.isEmpty()) {
            StatementText setModes = StatementText.of("SET TRANSACTION " + modes);
            var lease = state.acquireLease();
            Runnable onCoordinator = () -> lease.run(setModes.text(), 0, List.of(), DiscardingSink.INSTANCE);
            if (!cycle.runTransactionStatement(setModes, TransactionStatement.TRANSACTION_MODES, onCoordinator)) {
                onCoordinator.run();
            }
        }
    }

    private void end(boolean commit) {
        open = false;
        cycle.endImplicitTransaction(commit);
    }

    /** The text after BEGIN [WORK | TRANSACTION] or START TRANSACTION: the transaction modes, if any. */
    private static String modesOf(StatementText statement) {
        String text = statement.text();
        List<SqlToken> words = statement.tokens().stream().filter(t -> !t.isTrivia()).toList();
        int skip = 1;
        if (words.size() > 1 && words.get(1).kind() == SqlToken.Kind.WORD) {
            String second = words.get(1).text(text);
            if (second.equalsIgnoreCase("WORK") || second.equalsIgnoreCase("TRANSACTION")) {
                skip = 2;
            }
        }
        if (words.size() <= skip || words.get(skip).kind() == SqlToken.Kind.SEMICOLON) {
            return "";
        }
        return text.substring(words.get(skip).start()).trim();
    }

    private static PgError warning(String message) {
        return new PgError("WARNING", SqlState.NO_ACTIVE_SQL_TRANSACTION, message, null, null, 0, null, null, null,
                null, null, null);
    }

    private static PgException notInBlock(String statement) {
        return new PgException(SqlState.NO_ACTIVE_SQL_TRANSACTION, statement + " can only be used in transaction blocks");
    }
}
