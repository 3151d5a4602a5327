package io.distgres.coordinator.session;

import static java.util.Objects.requireNonNull;

import io.distgres.coordinator.copy.DistributedCopy;
import io.distgres.coordinator.ddl.DdlPropagator;
import io.distgres.coordinator.ddl.PrivilegePropagator;
import io.distgres.coordinator.execution.DistributedStatement;
import io.distgres.coordinator.execution.NotYetSupported;
import io.distgres.coordinator.explain.DistributedExplain;
import io.distgres.coordinator.routing.CopyQueryOut;
import io.distgres.coordinator.routing.StatementRouter;
import io.distgres.coordinator.session.route.DistributedCommand;
import io.distgres.coordinator.session.route.StatementRouteDecider;
import io.distgres.coordinator.worker.WorkerTaskFailure;
import java.util.function.Consumer;

/**
 * Runs a statement that names a distributed or reference table: COPY into and out of them, DDL propagated
 * to their shards, the router tiers for SELECT/INSERT/UPDATE/DELETE and EXPLAIN of those. Anything else fails
 * with 0A000 naming the table — never a pass-through to the empty shell.
 */
public final class DistributedStatementExecutor {
    private final DistributedCopy copy;
    private final DdlPropagator ddl;
    private final StatementRouter router;
    private final DistributedExplain explain;
    private final PrivilegePropagator privileges;

    public DistributedStatementExecutor(DistributedCopy copy, DdlPropagator ddl, StatementRouter router,
                                        DistributedExplain explain, PrivilegePropagator privileges) {
        this.privileges = requireNonNull(privileges, "privileges is null");
        this.copy = requireNonNull(copy, "copy is null");
        this.ddl = requireNonNull(ddl, "ddl is null");
        this.router = requireNonNull(router, "router is null");
        this.explain = requireNonNull(explain, "explain is null");
    }

    /**
     * @param command what the statement is, as {@link StatementRouteDecider} decided
     * @param table   the distributed table the statement names (for error messages; empty for
     *                statements that reach the workers naming none)
     */
    public void execute(DistributedStatement statement, DistributedCommand command, String table) {
        try {
            dispatch(statement, command, table);
        } catch (WorkerTaskFailure failure) {
            throw failure.inStatement(statement.statement().text());
        }
    }

    private void dispatch(DistributedStatement statement, DistributedCommand command, String table) {
        switch (command) {
            case PRIVILEGES -> privileges.execute(statement);
            case COPY_IN -> copy.copyIn(statement, table);
            case COPY_OUT -> {
                var query = CopyQueryOut.of(statement.statement());
                if (query.isPresent()) {
                    query.get().run(statement, router, table);
                } else {
                    copy.copyOut(statement, table);
                }
            }
            case DDL -> ddl.execute(statement, table);
            case QUERY -> relayingNotices(statement, relayed -> router.execute(relayed, table));
            case EXPLAIN -> relayingNotices(statement, relayed -> explain.execute(relayed, table));
            case UNSUPPORTED -> {
                String first = statement.statement().firstWord();
                throw NotYetSupported.statement(first.isEmpty() ? "this statement" : first, table);
            }
        }
    }

    /**
     * Queries, DML and EXPLAIN show the notices their tasks raised on the workers. Propagated DDL does
     * not: the coordinator's own statement raised them once already (Citus shows them only at DEBUG1).
     */
    private static void relayingNotices(DistributedStatement statement, Consumer<DistributedStatement> body) {
        statement.session().runningTasks().notices().relay(statement.sink(),
                relayed -> body.accept(statement.withSink(relayed)));
    }
}
