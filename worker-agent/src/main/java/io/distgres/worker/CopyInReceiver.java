package io.distgres.worker;

import static java.util.Objects.requireNonNull;

import io.distgres.proto.worker.v1.CopyInRequest;
import io.distgres.proto.worker.v1.CopyInResponse;
import io.distgres.proto.worker.v1.Identity;
import io.distgres.proto.worker.v1.PgError;
import io.distgres.proto.worker.v1.PgErrorTrailers;
import io.distgres.sqlstate.SqlState;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;

/**
 * One CopyIn call: a transaction on one pooled connection that runs one or more COPY FROM STDIN
 * statements in turn (each {@code copy_statement} ends the previous COPY and starts the next),
 * and commits when the caller completes the stream. {@code end_copy} ends the running COPY early
 * and acknowledges it, so the caller knows every row was accepted before it commits anything. An error or a cancel from the caller rolls the
 * whole transaction back, so nothing of any COPY in the stream stays.
 */
final class CopyInReceiver implements StreamObserver<CopyInRequest> {
    private final PostgresPool pool;
    private final TransactionHandles transactions;
    private final RolesOnConnection roles;
    private final StreamObserver<CopyInResponse> response;
    /** Set when the COPY runs inside a coordinator transaction: that transaction's pinned connection. */
    private TransactionHandles.Handle handle;
    private Connection connection;
    private CopyIn copy;
    private long rows;
    /** 1-based ordinal of the COPY statement now running, reported with an error so the caller can map lines. */
    private int statementIndex;
    private boolean failed;

    CopyInReceiver(PostgresPool pool, TransactionHandles transactions, RolesOnConnection roles,
                   StreamObserver<CopyInResponse> response) {
        this.pool = requireNonNull(pool, "pool is null");
        this.transactions = requireNonNull(transactions, "transactions is null");
        this.roles = requireNonNull(roles, "roles is null");
        this.response = requireNonNull(response, "response is null");
    }

    @Override
    public synchronized void onNext(CopyInRequest request) {
        if (failed) {
            return;
        }
        try {
            if (request.hasCopyStatement()) {
                if (connection == null && !request.getTransactionId().isEmpty()) {
                    handle = acquire(request.getTransactionId(), request.getIdentity());
                    connection = handle.connection();
                } else if (connection == null) {
                    connection = pool.connection(request.getIdentity());
                    roles.apply(connection, request.getIdentity());
                    connection.setAutoCommit(false);
                }
                endCurrentCopy();
                statementIndex++;
                copy = new CopyManager(connection.unwrap(BaseConnection.class)).copyIn(request.getCopyStatement());
            } else if (request.getPayloadCase() == CopyInRequest.PayloadCase.END_COPY) {
                endCurrentCopy();
                response.onNext(CopyInResponse.newBuilder().setRows(rows).setEnded(true).build());
            } else {
                if (copy == null) {
                    throw new SQLException("CopyIn data arrived before the COPY statement",
                            SqlState.PROTOCOL_VIOLATION);
                }
                byte[] data = request.getData().toByteArray();
                copy.writeToCopy(data, 0, data.length);
            }
        } catch (SQLException e) {
            fail(PgErrorMapper.toPgError(e));
        }
    }

    @Override
    public synchronized void onError(Throwable t) {
        failed = true;
        abort();
    }

    @Override
    public synchronized void onCompleted() {
        if (failed) {
            return;
        }
        if (connection == null) {
            fail(PgError.of(SqlState.PROTOCOL_VIOLATION, "CopyIn ended before naming a COPY statement"));
            return;
        }
        try {
            endCurrentCopy();
            if (handle == null) {
                connection.commit();
            }
            release(false);
            response.onNext(CopyInResponse.newBuilder().setRows(rows).build());
            response.onCompleted();
        } catch (SQLException e) {
            fail(PgErrorMapper.toPgError(e));
        }
    }

    private TransactionHandles.Handle acquire(String transactionId, Identity identity) throws SQLException {
        try {
            return transactions.acquire(transactionId, identity);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for the transaction's connection",
                    SqlState.QUERY_CANCELED);
        }
    }

    private void endCurrentCopy() throws SQLException {
        if (copy != null) {
            CopyIn running = copy;
            copy = null;
            rows += running.endCopy();
        }
    }

    private void fail(PgError error) {
        failed = true;
        abort();
        StatusRuntimeException status = PgErrorTrailers.toStatusException(error);
        if (statementIndex > 0 && status.getTrailers() != null) {
            status.getTrailers().put(PgErrorTrailers.COPY_STATEMENT, Integer.toString(statementIndex));
        }
        response.onError(status);
    }

    private void abort() {
        if (copy != null && copy.isActive()) {
            try {
                copy.cancelCopy();
            } catch (SQLException e) {
                // the server already ended the COPY with an error; the rollback below still applies
            }
        }
        copy = null;
        if (connection == null) {
            return;
        }
        if (handle != null) {
            // the failed COPY aborted the coordinator's transaction; its owner rolls it back
            release(false);
            return;
        }
        try {
            connection.rollback();
            release(false);
        } catch (SQLException e) {
            release(true);
        }
    }

    private void release(boolean evict) {
        Connection held = connection;
        connection = null;
        copy = null;
        if (held == null) {
            return;
        }
        if (handle != null) {
            TransactionHandles.Handle pinned = handle;
            handle = null;
            pinned.release(evict, "COPY lost its connection");
            return;
        }
        if (evict) {
            pool.evict(held);
            return;
        }
        try {
            held.setAutoCommit(true);
            held.close();
        } catch (SQLException e) {
            pool.evict(held);
        }
    }
}
