package io.distgres.coordinator.worker;

import static java.util.Objects.requireNonNull;

import io.distgres.proto.worker.v1.PgError;
import io.distgres.proto.worker.v1.PgErrorTrailers;
import io.distgres.sqlstate.SqlState;
import io.grpc.Status;

/**
 * A task failed on a worker: carries the PostgreSQL error (SQLSTATE, message, detail, hint,
 * position) so the coordinator can send it to its client unchanged.
 *
 * <p>Failures of the gRPC call itself (agent down, deadline) get the SQLSTATE PostgreSQL would
 * use for the same situation: 08006 for a lost connection, 57014 for a cancel or timeout.
 */
public final class WorkerTaskException extends RuntimeException {
    private final transient PgError error;
    private final Status.Code grpcCode;

    public WorkerTaskException(PgError error, Status.Code grpcCode, Throwable cause) {
        super(requireNonNull(error, "error is null").sqlState() + ": " + error.message(), cause);
        this.error = error;
        this.grpcCode = requireNonNull(grpcCode, "grpcCode is null");
    }

    /** Decodes the PostgreSQL error from a failed call's trailers, or derives one from its status. */
    public static WorkerTaskException fromGrpc(Throwable t) {
        Status status = Status.fromThrowable(t);
        PgError error = PgErrorTrailers.fromTrailers(Status.trailersFromThrowable(t))
                .orElseGet(() -> fromStatus(status));
        return new WorkerTaskException(error, status.getCode(), t);
    }

    private static PgError fromStatus(Status status) {
        String description = status.getDescription() == null ? status.getCode().name() : status.getDescription();
        return switch (status.getCode()) {
            case UNAVAILABLE -> PgError.of(SqlState.CONNECTION_FAILURE, "worker agent unreachable: " + description);
            case CANCELLED -> PgError.of(SqlState.QUERY_CANCELED, "canceling statement due to user request");
            case DEADLINE_EXCEEDED -> PgError.of(SqlState.QUERY_CANCELED,
                    "canceling statement due to statement timeout");
            case RESOURCE_EXHAUSTED -> PgError.of(SqlState.INSUFFICIENT_RESOURCES, "worker task result too large: "
                    + description);
            default -> PgError.of(SqlState.INTERNAL_ERROR, "worker task failed: " + status.getCode() + " "
                    + description);
        };
    }

    public PgError error() {
        return error;
    }

    public String sqlState() {
        return error.sqlState();
    }

    /** The primary message, without the SQLSTATE prefix {@link #getMessage()} has. */
    public String pgMessage() {
        return error.message();
    }

    public String detail() {
        return error.detail();
    }

    public String hint() {
        return error.hint();
    }

    /** 1-based position in the task SQL, 0 when PostgreSQL gave none. */
    public int position() {
        return error.position();
    }

    public Status.Code grpcCode() {
        return grpcCode;
    }
}
