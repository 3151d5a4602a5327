package io.distgres.coordinator.session;

import static java.util.Objects.requireNonNull;

import io.distgres.coordinator.backend.BackendLease;
import io.distgres.coordinator.backend.BoundParameter;
import io.distgres.coordinator.backend.ResultSink;
import io.distgres.coordinator.error.PgException;
import io.distgres.coordinator.execution.DistributedStatement;
import io.distgres.coordinator.execution.SessionAccess;
import io.distgres.coordinator.execution.StatementIsLocal;
import io.distgres.coordinator.pgwire.codec.BackendMessages;
import io.distgres.coordinator.pgwire.codec.ClientConnection;
import io.distgres.coordinator.pgwire.codec.TransactionStatus;
import io.distgres.coordinator.schema.ShellGuard;
import io.distgres.coordinator.session.route.RoutedStatement;
import io.distgres.coordinator.session.route.StatementRoute;
import io.distgres.coordinator.session.route.StatementRouteDecider;
import io.distgres.coordinator.tables.DistgresFunctions;
import io.distgres.planner.errors.SqlStateException;
import io.distgres.planner.sql.SqlPreparedCommand;
import io.distgres.planner.sql.StatementText;
import io.distgres.sqlstate.SqlState;
import java.util.List;
import java.util.function.Supplier;

/**
 * Runs a client statement along the route {@link StatementRouteDecider} decided for it, the same
 * way for the simple protocol, the extended protocol and SQL-level EXECUTE: each route has one
 * executor (the coordinator database, the distributed executors, distgres's SQL functions, the
 * COPY relay, the session's SQL-level prepared statements, the front door's client encoding), and
 * the session's bookkeeping around a statement follows from its effects.
 */
final class StatementPipeline {
    private final ClientConnection out;
    private final SessionState state;
    private final StatementCycle cycle;
    private final StatementRouteDecider decider;
    private final DistgresFunctions functions;
    private final DistributedStatementExecutor distributed;
    private final DefinitionChanges definitions;
    private final SessionPin pin;
    private final SqlPreparedStatements sqlPrepared;
    private final CopyRelay copy;
    private final ParameterStatusReporter parameters;
    private final Supplier<SessionAccess> access;

    /** @param access the session as a distributed statement starting now sees it */
    StatementPipeline(ClientConnection out, SessionState state, StatementCycle cycle, StatementRouteDecider decider,
                      DistgresFunctions functions, DistributedStatementExecutor distributed,
                      DefinitionChanges definitions, SessionPin pin, SqlPreparedStatements sqlPrepared, CopyRelay copy,
                      ParameterStatusReporter parameters, Supplier<SessionAccess> access) {
        this.out = requireNonNull(out, "out is null");
        this.state = requireNonNull(state, "state is null");
        this.cycle = requireNonNull(cycle, "cycle is null");
        this.decider = requireNonNull(decider, "decider is null");
        this.functions = requireNonNull(functions, "functions is null");
        this.distributed = requireNonNull(distributed, "distributed is null");
        this.definitions = requireNonNull(definitions, "definitions is null");
        this.pin = requireNonNull(pin, "pin is null");
        this.sqlPrepared = requireNonNull(sqlPrepared, "sqlPrepared is null");
        this.copy = requireNonNull(copy, "copy is null");
        this.parameters = requireNonNull(parameters, "parameters is null");
        this.access = requireNonNull(access, "access is null");
    }

    /** Decides the route of a statement as the client sent it. */
    RoutedStatement decide(StatementText statement) {
        return decider.decide(statement);
    }

    /** A kept route, decided again when the catalog's distributed tables may have changed since. */
    RoutedStatement current(RoutedStatement routed) {
        return decider.current(routed);
    }

    /**
     * Runs {@code routed}; {@code inTransactionBlock} says whether it runs in a block (the client's
     * or an implicit one). Call {@link #ran} after it, whether it failed or not.
     */
    void run(RoutedStatement routed, int parameterCount, List<BoundParameter> parameters, ResultSink sink,
             boolean inTransactionBlock) {
        routed.effects().sessionState().ifPresent(pin::pinFor);
        definitions.beforeRun(routed.effects());
        StatementRoute route = routed.route();
        if (route instanceof StatementRoute.Empty) {
            out.write(BackendMessages::emptyQueryResponse);
        } else if (route instanceof StatementRoute.SetClientEncoding encoding) {
            setClientEncoding(encoding.value());
        } else if (route instanceof StatementRoute.SqlPrepared command) {
            runSqlPrepared(command.command(), routed.statement(), sink);
        } else {
            if (state.transactionStatus() == TransactionStatus.FAILED && !routed.runsInFailedTransaction()) {
                // what PostgreSQL answers; distgres's own statements must not run in an aborted block either
                throw new PgException(SqlState.IN_FAILED_SQL_TRANSACTION,
                        "current transaction is aborted, commands ignored until end of transaction block");
            }
            runRoute(routed, route, parameterCount, parameters, sink, inTransactionBlock);
        }
    }

    /** After {@code routed} ran (or failed): what it may have changed for prepared statements' row types. */
    void ran(RoutedStatement routed) {
        definitions.afterRun(routed.effects());
    }

    private void runRoute(RoutedStatement routed, StatementRoute route, int parameterCount,
                          List<BoundParameter> parameters, ResultSink sink, boolean inTransactionBlock) {
        StatementText statement = routed.statement();
        if (route instanceof StatementRoute.SqlFunction function) {
            functions.run(function.call(), state.acquireLease(), parameterCount, parameters, inTransactionBlock, sink);
        } else if (route instanceof StatementRoute.Distributed table) {
            try {
                distributed.execute(new DistributedStatement(statement, parameterCount, parameters,
                        routed.decidedWith(), access.get(), sink), table.command(), table.table());
            } catch (StatementIsLocal local) {
                // the name belongs to a local relation under the session's search_path
                runRoute(routed, table.ifLocal(), parameterCount, parameters, sink, inTransactionBlock);
            }
        } else if (route instanceof StatementRoute.CopyIn) {
            copy.copyIn(statement.text());
        } else if (route instanceof StatementRoute.CopyOut) {
            copy.copyOut(statement.text());
        } else {
            runOnCoordinator(routed, route, parameterCount, parameters, sink);
        }
    }

    /** Passes the statement through to the coordinator database, with what its route needs around it. */
    private void runOnCoordinator(RoutedStatement routed, StatementRoute route, int parameterCount,
                                  List<BoundParameter> parameters, ResultSink sink) {
        if (routed.effects().changesSettings()) {
            state.settingsMayChange();
        }
        if (route instanceof StatementRoute.DiscardAll && state.transactionStatus() == TransactionStatus.IDLE) {
            // outside a transaction block, where PostgreSQL allows it, it drops prepared statements too
            sqlPrepared.discardAll();
        }
        String text = routed.statement().text();
        BackendLease lease = state.acquireLease();
        Runnable onCoordinator = () -> lease.run(text, parameterCount, parameters, sink);
        if (route instanceof StatementRoute.TransactionControl control) {
            if (!cycle.runTransactionStatement(routed.statement(), control.statement(), onCoordinator)) {
                onCoordinator.run();
            }
        } else if (route instanceof StatementRoute.ShellMaintenance) {
            ShellGuard.runMaintenance(lease, onCoordinator);
        } else {
            onCoordinator.run();
        }
    }

    private void runSqlPrepared(SqlPreparedCommand command, StatementText statement, ResultSink sink) {
        if (!(command instanceof SqlPreparedCommand.Execute execute)) {
            sqlPrepared.run(command, statement, sink);
            return;
        }
        SqlPreparedStatements.Bound bound = sqlPrepared.bind(execute);
        try {
            RoutedStatement body = bound.body();
            runRoute(body, body.route(), bound.parameters().size(), bound.parameters(), sink,
                    state.transactionStatus() != TransactionStatus.IDLE);
        } catch (PgException | SqlStateException e) {
            // positions would point into the stored statement, not the EXECUTE the client sent
            throw new PgException(PgException.errorOf(e).withPosition(0));
        }
    }

    private void setClientEncoding(String value) {
        String encoding = ClientEncodings.normalize(value, false);
        parameters.reportClientEncoding(encoding);
        out.write(buf -> BackendMessages.commandComplete(buf, "SET"));
    }
}
