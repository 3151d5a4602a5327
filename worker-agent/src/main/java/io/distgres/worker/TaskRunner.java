package io.distgres.worker;

import static java.util.Objects.requireNonNull;

import io.distgres.proto.worker.v1.Cell;
import io.distgres.proto.worker.v1.ExecuteRequest;
import io.distgres.proto.worker.v1.PgError;
import io.distgres.proto.worker.v1.TaskStatementKind;
import io.distgres.sqlstate.SqlState;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.Oid;
import org.postgresql.core.ParameterList;
import org.postgresql.core.Query;
import org.postgresql.core.QueryExecutor;
import org.postgresql.core.ResultCursor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one task on a pooled connection and streams its result: Columns, RowBatches, Completion.
 *
 * <p>Row-returning statements run with autocommit off and a fetch size, so PostgreSQL keeps the
 * rows in a portal and only one batch at a time is in this JVM; the transaction is committed at
 * the end, which for a single statement is what autocommit would have done. Tasks that expect a
 * small result ({@code fetch_all}, router tasks) skip the portal and its commit round trip: they
 * run in autocommit, every row in one round trip, as statements kept prepared on the connection.
 */
final class TaskRunner {
    static final int DEFAULT_BATCH_ROWS = 1000;
    private static final Logger log = LoggerFactory.getLogger(TaskRunner.class);

    private final PostgresPool pool;
    private final TransactionHandles transactions;
    private final RolesOnConnection roles;
    private final PreparedTaskStatements statements = new PreparedTaskStatements();

    TaskRunner(PostgresPool pool, TransactionHandles transactions, RolesOnConnection roles) {
        this.pool = requireNonNull(pool, "pool is null");
        this.transactions = requireNonNull(transactions, "transactions is null");
        this.roles = requireNonNull(roles, "roles is null");
    }

    void run(ExecuteRequest request, ResponseStream stream) {
        try {
            execute(request, stream);
        } catch (TaskFailure failure) {
            stream.fail(failure.error);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stream.fail(PgError.of(SqlState.QUERY_CANCELED, "canceling statement: worker agent is shutting down"));
        } catch (RuntimeException e) {
            log.error("task failed unexpectedly: {}", request.getSql(), e);
            stream.fail(PgError.of(SqlState.INTERNAL_ERROR, "worker agent internal error: " + e));
        }
    }

    private void execute(ExecuteRequest request, ResponseStream stream) throws TaskFailure, InterruptedException {
        int highestParameter = request.getParameterCount();
        checkParameterCount(highestParameter, request.getParametersCount());
        int batchRows = request.getBatchSize() > 0 ? request.getBatchSize() : DEFAULT_BATCH_ROWS;
        // a task of a coordinator transaction runs on that transaction's pinned connection and never commits
        TransactionHandles.Handle handle = null;
        Connection connection;
        try {
            if (request.getTransactionId().isEmpty()) {
                connection = pool.connection(request.getIdentity());
            } else {
                handle = transactions.acquire(request.getTransactionId(), request.getIdentity(), request.getSettingsMap());
                connection = handle.connection();
            }
        } catch (SQLException e) {
            throw new TaskFailure(PgErrorMapper.toPgError(e));
        }
        boolean pinned = handle != null;
        // fetch-all runs in autocommit: never for a task inside a pinned transaction
        boolean fetchAll = request.getFetchAll() && !pinned;
        boolean inTransaction = pinned
                || !fetchAll && request.getStatementKind() != TaskStatementKind.TASK_STATEMENT_KIND_NO_TRANSACTION_BLOCK;
        AtomicBoolean cancelSent = new AtomicBoolean();
        BaseConnection pg = null;
        boolean broken = false;
        Map<String, String> previousSettings = null;
        try {
            pg = connection.unwrap(BaseConnection.class);
            if (!pinned) {
                // in autocommit, before the task's own transaction: the connection keeps the roles
                roles.apply(connection, request.getIdentity(), request.getSettingsMap());
                connection.setAutoCommit(!inTransaction);
            } else {
                previousSettings = roles.settings().applyForTask(connection, request.getSettingsMap());
            }
            BaseConnection running = pg;
            if (!stream.onCancel(() -> cancel(running, cancelSent))) {
                return;
            }
            RowStreamer streamer;
            boolean fetchedInRounds;
            if (fetchAll) {
                streamer = fetchAll(pg, request, highestParameter, batchRows, stream);
                fetchedInRounds = false;
            } else {
                streamer = new RowStreamer(stream, batchRows);
                fetchedInRounds = fetchInBatches(pg, request, highestParameter, batchRows, inTransaction, streamer);
            }
            if (streamer.stopped()) {
                throw new TaskFailure(PgError.of(SqlState.QUERY_CANCELED, "canceling statement due to user request"));
            }
            if (inTransaction && !pinned) {
                connection.commit();
            }
            // the completion (or the result holding it) ends the task on the caller's side
            streamer.finish(streamer.completion(fetchedInRounds, request.getStatementKind()));
        } catch (SQLException e) {
            // in a pinned transaction PostgreSQL keeps the failed transaction until the coordinator rolls it back
            broken = (!pinned && rollback(connection)) || isConnectionError(e);
            PgError error = PgErrorMapper.toPgError(e);
            throw new TaskFailure(pinned ? handle.explain(error) : error);
        } catch (TaskFailure | InterruptedException | RuntimeException e) {
            broken = !pinned && rollback(connection);
            throw e;
        } finally {
            stream.onCancel(() -> { });
            if (previousSettings != null && !broken) {
                // inside a pinned transaction a failure is harmless: its rollback undoes the settings
                SessionSettingsOnConnection.restore(connection, previousSettings);
            }
            if (pinned) {
                handle.release(broken, "task failed: " + request.getSql());
            } else {
                release(connection, pg, broken || cancelSent.get());
            }
        }
    }

    /**
     * Runs the statement in autocommit and takes every row in one round trip. A task with
     * parameters runs as a statement kept prepared on the connection; if a table changed shape
     * since it was prepared, PostgreSQL refuses the old plan and the task runs once more, freshly
     * prepared (nothing ran: the error comes before execution).
     */
    private RowStreamer fetchAll(BaseConnection pg, ExecuteRequest request, int highestParameter, int batchRows,
                                 ResponseStream stream) throws SQLException {
        int flags = QueryExecutor.QUERY_BOTH_ROWS_AND_STATUS | QueryExecutor.QUERY_SUPPRESS_BEGIN;
        if (highestParameter == 0) {
            Query query = PreparedTaskStatements.wrap(pg, request.getSql(), 0);
            try {
                RowStreamer streamer = new RowStreamer(stream, batchRows, true);
                pg.getQueryExecutor().execute(query, query.createParameterList(), streamer, 0, 0,
                        flags | QueryExecutor.QUERY_ONESHOT);
                return streamer;
            } finally {
                query.close();
            }
        }
        for (int attempt = 1; ; attempt++) {
            Query query = statements.query(pg, request.getSql(), highestParameter);
            RowStreamer streamer = new RowStreamer(stream, batchRows, true);
            try {
                pg.getQueryExecutor().execute(query, bind(query, highestParameter, request), streamer, 0, 0, flags);
                return streamer;
            } catch (SQLException e) {
                if (attempt > 1 || !isStalePlan(e) || streamer.rowsStreamed() > 0) {
                    throw e;
                }
                statements.forget(pg);
            }
        }
    }

    /** Runs the statement through a portal, fetching {@code batchRows} at a time; true when it took several rounds. */
    private static boolean fetchInBatches(BaseConnection pg, ExecuteRequest request, int highestParameter, int batchRows,
                                          boolean inTransaction, RowStreamer streamer) throws SQLException {
        QueryExecutor executor = pg.getQueryExecutor();
        Query query = PreparedTaskStatements.wrap(pg, request.getSql(), highestParameter);
        try {
            ParameterList parameters = bind(query, highestParameter, request);
            // pgjdbc's executor opens a transaction itself unless told not to, as PgStatement does
            int flags = QueryExecutor.QUERY_ONESHOT | QueryExecutor.QUERY_BOTH_ROWS_AND_STATUS
                    | (inTransaction ? QueryExecutor.QUERY_FORWARD_CURSOR : QueryExecutor.QUERY_SUPPRESS_BEGIN);
            executor.execute(query, parameters, streamer, 0, inTransaction ? batchRows : 0, flags);
            boolean fetchedInRounds = false;
            ResultCursor cursor;
            while ((cursor = streamer.takeCursor()) != null) {
                if (streamer.stopped()) {
                    cursor.close();
                    break;
                }
                fetchedInRounds = true;
                executor.fetch(cursor, streamer, batchRows, false);
            }
            return fetchedInRounds;
        } finally {
            query.close();
        }
    }

    /** PostgreSQL's refusal to run a prepared plan after a table it reads changed its row type. */
    private static boolean isStalePlan(SQLException e) {
        return SqlState.FEATURE_NOT_SUPPORTED.equals(e.getSQLState()) && e.getMessage() != null
                && e.getMessage().contains("cached plan must not change result type");
    }

    private static void checkParameterCount(int highestParameter, int supplied) throws TaskFailure {
        if (highestParameter > supplied) {
            // what PostgreSQL answers to a Bind with too few parameters
            throw new TaskFailure(PgError.of(SqlState.PROTOCOL_VIOLATION, "bind message supplies " + supplied
                    + " parameters, but prepared statement requires " + highestParameter));
        }
        if (supplied > highestParameter) {
            // PostgreSQL cannot type a parameter no expression uses
            throw new TaskFailure(PgError.of(SqlState.INDETERMINATE_DATATYPE,
                    "could not determine data type of parameter $" + (highestParameter + 1)));
        }
    }

    private static ParameterList bind(Query query, int highestParameter, ExecuteRequest request)
            throws SQLException {
        ParameterList parameters = query.createParameterList();
        for (int i = 0; i < highestParameter; i++) {
            Cell cell = request.getParameters(i);
            // Oid.UNSPECIFIED: PostgreSQL infers the type from context, as for a bare $n
            if (cell.getIsNull()) {
                parameters.setNull(i + 1, Oid.UNSPECIFIED);
            } else {
                parameters.setStringParameter(i + 1, cell.getText().toString(StandardCharsets.UTF_8), Oid.UNSPECIFIED);
            }
        }
        return parameters;
    }

    /**
     * Cancels the running statement; the connection is then evicted because the cancel may land
     * late. The cancel request opens a connection of its own, so it is sent off the calling
     * thread, which may be a gRPC transport thread.
     */
    private static void cancel(BaseConnection pg, AtomicBoolean cancelSent) {
        cancelSent.set(true);
        CompletableFuture.runAsync(() -> {
            try {
                pg.cancelQuery();
            } catch (SQLException e) {
                log.warn("could not cancel task statement: {}", e.getMessage());
            }
        });
    }

    /** Rolls back; true when the connection should not go back to the pool. */
    private static boolean rollback(Connection connection) {
        try {
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
            return false;
        } catch (SQLException e) {
            return true;
        }
    }

    private static boolean isConnectionError(SQLException e) {
        return SqlState.isConnectionException(e.getSQLState());
    }

    private void release(Connection connection, BaseConnection pg, boolean evict) {
        if (evict) {
            if (pg != null) {
                statements.forget(pg);
            }
            // eviction closes the connection itself
            pool.evict(connection);
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            log.debug("closing pooled connection failed", e);
        }
    }

    /** A task failure already expressed as the PostgreSQL error to report. */
    private static final class TaskFailure extends Exception {
        private final transient PgError error;

        TaskFailure(PgError error) {
            super(error.message(), null, false, false);
            this.error = error;
        }
    }
}
