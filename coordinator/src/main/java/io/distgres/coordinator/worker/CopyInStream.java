package io.distgres.coordinator.worker;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.ByteString;
import io.distgres.proto.worker.v1.CopyInRequest;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/** The coordinator's end of one COPY FROM STDIN into a worker: write data, then finish or abort. */
public final class CopyInStream {
    private final StreamObserver<CopyInRequest> requests;
    private final CompletableFuture<Long> rows;
    private boolean closed;

    CopyInStream(StreamObserver<CopyInRequest> requests, CompletableFuture<Long> rows) {
        this.requests = requireNonNull(requests, "requests is null");
        this.rows = requireNonNull(rows, "rows is null");
    }

    /** Sends COPY data (whole rows in the COPY's format). Fails fast once the worker reported an error. */
    public void write(byte[] data, int offset, int length) {
        if (rows.isCompletedExceptionally()) {
            finish();
        }
        requests.onNext(CopyInRequest.newBuilder().setData(ByteString.copyFrom(data, offset, length)).build());
    }

    /** Ends the COPY; returns the rows the worker loaded, or throws its error. */
    public long finish() {
        if (!closed) {
            closed = true;
            requests.onCompleted();
        }
        try {
            return rows.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abort("interrupted");
            throw new WorkerTaskException(io.distgres.proto.worker.v1.PgError.of("57014",
                    "canceling COPY: interrupted"), Status.Code.CANCELLED, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WorkerTaskException error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Abandons the COPY: the worker rolls it back. */
    public void abort(String reason) {
        if (!closed) {
            closed = true;
            requests.onError(Status.CANCELLED.withDescription(reason).asRuntimeException());
        }
    }
}
