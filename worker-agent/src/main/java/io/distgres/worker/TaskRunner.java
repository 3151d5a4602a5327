package io.distgres.worker;

import static java.util.Objects.requireNonNull;

import io.distgres.proto.worker.v1.Cell;
import io.distgres.proto.worker.v1.ExecuteRequest;
import io.distgres.proto.worker.v1.ExecuteResponse;
import io.distgres.proto.worker.v1.PgError;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.postgresql.core.BaseConnection;
import java.util.List;
import org.postgresql.core.NativeQuery;
import org.postgresql.core.Oid;
import org.postgresql.core.ParameterList;
import org.postgresql.core.Query;
import org.postgresql.core.QueryExecutor;
import org.postgresql.core.ResultCursor;
import org.postgresql.core.SqlCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one task on a pooled connection and streams its result: Columns, RowBatches, Completion.
 *
 * <p>Row-returning statements run with autocommit off and a fetch size, so PostgreSQL keeps the
 * rows in a portal and only one batch at a time is in this JVM; the transaction is committed at
 * the end, which for a single statement is what autocommit would have done.
 */
final class TaskRunner {
    static final int DEFAULT_BATCH_ROWS = 1000;
    private static final Logger log = LoggerFactory.getLogger(TaskRunner.class);

    private final PostgresPool pool;
    private final TransactionHandles transactions;

    TaskRunner(PostgresPool pool, TransactionHandles transactions) {
        this.pool = requireNonNull(pool, "pool is null");
        this.transactions = requireNonNull(transactions, "transactions is null");
    }

    void run(ExecuteRequest request, ResponseStream stream) {
        try {
            execute(request, stream);
        } catch (TaskFailure failure) {
            stream.fail(failure.error);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stream.fail(PgError.of("57014", "canceling statement: worker agent is shutting down"));
        } catch (RuntimeException e) {
            log.error("task failed unexpectedly: {}", request.getSql(), e);
            stream.fail(PgError.of("XX000", "worker agent internal error: " + e));
        }
    }

    private void execute(ExecuteRequest request, ResponseStream stream) throws TaskFailure, InterruptedException {
        int highestParameter = PlaceholderScanner.highestParameter(request.getSql());
        checkParameterCount(highestParameter, request.getParametersCount());
        int batchRows = request.getBatchSize() > 0 ? request.getBatchSize() : DEFAULT_BATCH_ROWS;
        // a task of a coordinator transaction runs on that transaction's pinned connection and never commits
        TransactionHandles.Handle handle = null;
        Connection connection;
        try {
            if (request.getTransactionId().isEmpty()) {
                connection = pool.connection();
            } else {
                handle = transactions.acquire(request.getTransactionId());
                connection = handle.connection();
            }
        } catch (SQLException e) {
            throw new TaskFailure(PgErrorMapper.toPgError(e));
        }
        boolean pinned = handle != null;
        boolean inTransaction = pinned || !TransactionBlockRule.mustRunOutsideTransaction(request.getSql());
        AtomicBoolean cancelSent = new AtomicBoolean();
        boolean broken = false;
        try {
            BaseConnection pg = connection.unwrap(BaseConnection.class);
            if (!pinned) {
                connection.setAutoCommit(!inTransaction);
            }
            if (!stream.onCancel(() -> cancel(pg, cancelSent))) {
                return;
            }
            QueryExecutor executor = pg.getQueryExecutor();
            // the task's own $n placeholders go to PostgreSQL unchanged, so a repeated $n is one parameter
            Query query = executor.wrap(List.of(new NativeQuery(request.getSql(),
                    bindPositions(request.getSql(), highestParameter), false, SqlCommand.BLANK)));
            try {
                ParameterList parameters = bind(query, highestParameter, request);
                RowStreamer streamer = new RowStreamer(stream, batchRows);
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
                if (streamer.stopped()) {
                    throw new TaskFailure(PgError.of("57014", "canceling statement due to user request"));
                }
                if (inTransaction && !pinned) {
                    connection.commit();
                }
                streamer.sendColumnsIfNone();
                stream.send(ExecuteResponse.newBuilder()
                        .setCompletion(streamer.completion(fetchedInRounds, RowStreamer.keyword(request.getSql())))
                        .build());
                stream.complete();
            } finally {
                query.close();
            }
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
            if (pinned) {
                handle.release(broken, "task failed: " + request.getSql());
            } else {
                release(connection, broken || cancelSent.get());
            }
        }
    }

    private static void checkParameterCount(int highestParameter, int supplied) throws TaskFailure {
        if (highestParameter > supplied) {
            // what PostgreSQL answers to a Bind with too few parameters
            throw new TaskFailure(PgError.of("08P01", "bind message supplies " + supplied
                    + " parameters, but prepared statement requires " + highestParameter));
        }
        if (supplied > highestParameter) {
            // PostgreSQL cannot type a parameter no expression uses
            throw new TaskFailure(PgError.of("42P18",
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

    /** pgjdbc only uses bind positions to print the statement; the count is what matters. */
    private static int[] bindPositions(String sql, int count) {
        int[] positions = new int[count];
        java.util.Arrays.fill(positions, sql.length());
        return positions;
    }

    /** Cancels the running statement; the connection is then evicted because the cancel may land late. */
    private static void cancel(BaseConnection pg, AtomicBoolean cancelSent) {
        cancelSent.set(true);
        try {
            pg.cancelQuery();
        } catch (SQLException e) {
            log.warn("could not cancel task statement: {}", e.getMessage());
        }
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
        return e.getSQLState() != null && e.getSQLState().startsWith("08");
    }

    private void release(Connection connection, boolean evict) {
        if (evict) {
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
