package io.distgres.coordinator.session.route;

import static java.util.Objects.requireNonNull;

import io.distgres.coordinator.metadata.CatalogSnapshot;
import io.distgres.planner.sql.SqlPreparedCommand;
import io.distgres.planner.sql.StatementText;

/**
 * A client statement with its route and effects, as {@link StatementRouteDecider} decided them
 * against one catalog snapshot; kept with a prepared statement, so Bind and Execute never decide
 * again while the catalog stays the same.
 *
 * @param decidedWith the catalog whose distributed tables the route was decided against; the
 *                    statement's distributed executors read this snapshot
 */
public record RoutedStatement(StatementText statement, StatementRoute route, StatementEffects effects,
                              CatalogSnapshot decidedWith) {
    public RoutedStatement {
        requireNonNull(statement, "statement is null");
        requireNonNull(route, "route is null");
        requireNonNull(effects, "effects is null");
        requireNonNull(decidedWith, "decidedWith is null");
    }

    /** The route it takes when it names no distributed table after all (its own when it names none). */
    public StatementRoute localRoute() {
        return route instanceof StatementRoute.Distributed distributed ? distributed.ifLocal() : route;
    }

    /**
     * True for what PostgreSQL still runs in a failed transaction block: COMMIT, ROLLBACK and the
     * like (its IsTransactionExitStmt), and what the front door answers itself.
     */
    public boolean runsInFailedTransaction() {
        return route instanceof StatementRoute.Empty || route instanceof StatementRoute.SetClientEncoding
                || route instanceof StatementRoute.TransactionControl control
                && control.statement().endsFailedTransaction();
    }

    /**
     * True for BEGIN, COMMIT, savepoints and the like, and SQL-level PREPARE (which runs nothing):
     * no implicit transaction is opened around them.
     */
    public boolean controlsTransactionBlock() {
        return route instanceof StatementRoute.TransactionControl control && control.statement().controlsBlock()
                || route instanceof StatementRoute.SqlPrepared prepared
                && prepared.command() instanceof SqlPreparedCommand.Prepare;
    }

    /** True for COPY FROM STDIN and COPY TO STDOUT, local or distributed. */
    public boolean isCopy() {
        StatementRoute local = localRoute();
        return local instanceof StatementRoute.CopyIn || local instanceof StatementRoute.CopyOut;
    }
}
