package io.distgres.coordinator.session;

import static java.util.Objects.requireNonNull;

import io.distgres.coordinator.backend.BackendLease;
import io.distgres.coordinator.backend.CommitGatedSink;
import io.distgres.coordinator.backend.DiscardingSink;
import io.distgres.coordinator.backend.ResultSink;
import io.distgres.coordinator.backend.SessionIdentity;
import io.distgres.coordinator.execution.RunningTasks;
import io.distgres.coordinator.execution.SessionAccess;
import io.distgres.coordinator.pgwire.codec.ClientConnection;
import io.distgres.coordinator.pgwire.codec.FrontendMessage;
import io.distgres.coordinator.pgwire.codec.TransactionStatus;
import io.distgres.coordinator.transaction.DistributedTransaction;
import io.distgres.coordinator.transaction.SessionTransactions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One client session as one distributed statement sees it ({@link SessionAccess}): made when the
 * statement starts, which is when its statement_timeout starts counting and when the session's
 * timeout and role are read.
 */
final class SessionStatementAccess implements SessionAccess {
    /** The parts of a session a distributed statement reaches. */
    record Parts(ClientConnection out, SessionState state, SessionInbox inbox, SessionTransactions transactions,
                 StatementCycle cycle, DefinitionChanges definitions, RunningTasks runningTasks) {
        Parts {
            requireNonNull(out, "out is null");
            requireNonNull(state, "state is null");
            requireNonNull(inbox, "inbox is null");
            requireNonNull(transactions, "transactions is null");
            requireNonNull(cycle, "cycle is null");
            requireNonNull(definitions, "definitions is null");
            requireNonNull(runningTasks, "runningTasks is null");
        }
    }

    private final Parts session;
    private final long startedNanos;
    private final Duration timeout;
    private final SessionIdentity identity;

    private SessionStatementAccess(Parts session, long startedNanos, Duration timeout, SessionIdentity identity) {
        this.session = session;
        this.startedNanos = startedNanos;
        this.timeout = timeout;
        this.identity = identity;
    }

    /** The session as a statement starting now sees it. */
    static SessionAccess startingNow(Parts session) {
        long started = System.nanoTime();
        SessionState state = session.state();
        BackendLease lease = state.heldLease();
        if (state.settingsMayHaveChanged() && lease != null && lease.transactionStatus() != TransactionStatus.FAILED) {
            // a SET earlier in the same query string or transaction: the settings read last are behind
            String[] current = new String[3];
            lease.run("SELECT setting, pg_catalog.current_setting('session_authorization'),"
                    + " pg_catalog.current_setting('role') FROM pg_catalog.pg_settings WHERE name = 'statement_timeout'",
                    0, List.of(), cells -> {
                        for (int i = 0; i < current.length; i++) {
                            current[i] = new String(cells[i], StandardCharsets.UTF_8);
                        }
                    });
            return new SessionStatementAccess(session, started, statementTimeout(current[0]),
                    state.identity().with(current[1], current[2]));
        }
        return new SessionStatementAccess(session, started, statementTimeout(state.settings().get("statement_timeout")),
                state.identity());
    }

    private static Duration statementTimeout(String millis) {
        if (millis == null) {
            return null;
        }
        try {
            long value = Long.parseLong(millis);
            return value > 0 ? Duration.ofMillis(value) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    public RunningTasks runningTasks() {
        return session.runningTasks();
    }

    @Override
    public Duration statementTimeLeft() {
        return timeout == null ? null : timeout.minusNanos(System.nanoTime() - startedNanos);
    }

    @Override
    public BackendLease coordinatorLease() {
        return session.state().acquireLease();
    }

    @Override
    public boolean inTransactionBlock() {
        return session.state().transactionStatus() != TransactionStatus.IDLE;
    }

    @Override
    public ClientConnection out() {
        return session.out();
    }

    @Override
    public String user() {
        return session.state().user();
    }

    @Override
    public boolean namesMayHaveChanged() {
        return session.state().settingsMayHaveChanged() || session.definitions().uncommitted();
    }

    @Override
    public String timeZone() {
        return session.state().timeZone();
    }

    @Override
    public SessionIdentity identity() {
        return identity;
    }

    @Override
    public Map<String, String> settings() {
        return session.state().settings();
    }

    @Override
    public FrontendMessage awaitMessage() {
        return session.inbox().await();
    }

    @Override
    public DistributedTransaction transaction() {
        return session.transactions().current();
    }

    @Override
    public void atomically(ResultSink sink, Consumer<ResultSink> body) {
        if (inTransactionBlock()) {
            body.accept(sink);
            return;
        }
        CommitGatedSink gated = new CommitGatedSink(sink);
        session.state().acquireLease().run("BEGIN", 0, List.of(), DiscardingSink.INSTANCE);
        try {
            body.accept(gated);
        } catch (RuntimeException e) {
            session.cycle().endImplicitTransaction(false);
            throw e;
        }
        session.cycle().endImplicitTransaction(true);
        gated.committed();
    }
}
