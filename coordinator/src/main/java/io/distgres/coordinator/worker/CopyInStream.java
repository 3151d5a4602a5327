package io.distgres.coordinator.worker;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.ByteString;
import io.distgres.coordinator.backend.SessionIdentity;
import io.distgres.proto.worker.v1.CopyInRequest;
import io.distgres.sqlstate.SqlState;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The coordinator's end of one CopyIn transaction on a worker: one or more COPY FROM STDIN
 * statements with their data, then finish (commit) or abort (roll back).
 */
public final class CopyInStream {
    private final StreamObserver<CopyInRequest> requests;
    private final CompletableFuture<Long> rows;
    private final CompletableFuture<Long> ended;
    private final AtomicInteger failedStatement;
    private boolean closed;

    CopyInStream(StreamObserver<CopyInRequest> requests, CompletableFuture<Long> rows, CompletableFuture<Long> ended,
                 AtomicInteger failedStatement) {
        this.requests = requireNonNull(requests, "requests is null");
        this.rows = requireNonNull(rows, "rows is null");
        this.ended = requireNonNull(ended, "ended is null");
        this.failedStatement = requireNonNull(failedStatement, "failedStatement is null");
    }

    /** Ends the running COPY and starts {@code copyStatement} in the same worker transaction. */
    public void startCopy(String copyStatement) {
        failFast();
        requests.onNext(CopyInRequest.newBuilder().setCopyStatement(copyStatement).build());
    }

    /**
     * The first COPY of the stream, inside transaction handle {@code transactionId} (empty: its own),
     * run as {@code identity} (null: the agent's own user).
     */
    void startCopy(String copyStatement, String transactionId, SessionIdentity identity) {
        CopyInRequest.Builder request = CopyInRequest.newBuilder().setCopyStatement(copyStatement)
                .setTransactionId(transactionId);
        if (identity != null) {
            request.setIdentity(identity.toProto());
        }
        requests.onNext(request.build());
    }

    /** Sends COPY data (whole rows in the COPY's format). Fails fast once the worker reported an error. */
    public void write(byte[] data, int offset, int length) {
        failFast();
        requests.onNext(CopyInRequest.newBuilder().setData(ByteString.copyFrom(data, offset, length)).build());
    }

    /** True once the worker has reported an error (the stream is then rolled back). */
    public boolean failed() {
        return rows.isCompletedExceptionally();
    }

    /** The 1-based ordinal of the COPY statement that failed on the worker, when it said so. */
    public OptionalInt failedStatement() {
        int index = failedStatement.get();
        return index > 0 ? OptionalInt.of(index) : OptionalInt.empty();
    }

    /** Asks the worker to end the running COPY without committing; {@link #awaitEnded()} waits for its answer. */
    public void endCopy() {
        failFast();
        requests.onNext(CopyInRequest.newBuilder().setEndCopy(true).build());
    }

    /** Waits until the worker confirmed {@link #endCopy()}: every row accepted, nothing committed yet. */
    public long awaitEnded() {
        return await(ended);
    }

    /** Ends the last COPY and commits the worker transaction; returns the rows of every COPY, or throws its error. */
    public long finish() {
        if (!closed) {
            closed = true;
            requests.onCompleted();
        }
        return await(rows);
    }

    private long await(CompletableFuture<Long> answer) {
        try {
            return answer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abort("interrupted");
            throw new WorkerTaskException(io.distgres.proto.worker.v1.PgError.of(SqlState.QUERY_CANCELED,
                    "canceling COPY: interrupted"), Status.Code.CANCELLED, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WorkerTaskException error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Abandons the stream: the worker rolls back every COPY of it. */
    public void abort(String reason) {
        if (!closed) {
            closed = true;
            requests.onError(Status.CANCELLED.withDescription(reason).asRuntimeException());
        }
    }

    private void failFast() {
        if (rows.isCompletedExceptionally()) {
            finish();
        }
    }
}
