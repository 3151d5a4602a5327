package io.distgres.worker;

import static java.util.Objects.requireNonNull;

import io.distgres.proto.worker.v1.CopyInRequest;
import io.distgres.proto.worker.v1.CopyInResponse;
import io.distgres.proto.worker.v1.CancelTransactionRequest;
import io.distgres.proto.worker.v1.CancelTransactionResponse;
import io.distgres.proto.worker.v1.EndTransactionRequest;
import io.distgres.proto.worker.v1.LockWaitsRequest;
import io.distgres.proto.worker.v1.LockWaitsResponse;
import io.distgres.proto.worker.v1.EndTransactionResponse;
import io.distgres.proto.worker.v1.HealthRequest;
import io.distgres.proto.worker.v1.HealthResponse;
import io.distgres.proto.worker.v1.PgError;
import io.distgres.proto.worker.v1.PgErrorTrailers;
import io.distgres.proto.worker.v1.ScriptRequest;
import io.distgres.proto.worker.v1.ScriptResponse;
import io.distgres.proto.worker.v1.TaskEnvelope;
import io.distgres.proto.worker.v1.TaskFrame;
import io.distgres.proto.worker.v1.WorkerServiceGrpc;
import io.distgres.sqlstate.SqlState;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

/**
 * The gRPC WorkerService: hands each task of a Tasks stream to a task thread and answers health checks.
 *
 * <p>Tasks do not run on the gRPC callback thread because gRPC delivers a call's ready and
 * cancel notifications on that thread, and a task blocked in JDBC must still receive them.
 */
final class WorkerService extends WorkerServiceGrpc.WorkerServiceImplBase {
    private final TaskRunner taskRunner;
    private final HealthChecker healthChecker;
    private final ExecutorService taskExecutor;
    private final ScriptRunner scriptRunner;
    private final PostgresPool pool;
    private final TransactionHandles transactions;
    private final RolesOnConnection roles;
    private final Set<TaskStreamReceiver> taskStreams = ConcurrentHashMap.newKeySet();

    WorkerService(TaskRunner taskRunner, HealthChecker healthChecker, ExecutorService taskExecutor,
                  ScriptRunner scriptRunner, PostgresPool pool, TransactionHandles transactions,
                  RolesOnConnection roles) {
        this.roles = requireNonNull(roles, "roles is null");
        this.transactions = requireNonNull(transactions, "transactions is null");
        this.scriptRunner = requireNonNull(scriptRunner, "scriptRunner is null");
        this.pool = requireNonNull(pool, "pool is null");
        this.taskRunner = requireNonNull(taskRunner, "taskRunner is null");
        this.healthChecker = requireNonNull(healthChecker, "healthChecker is null");
        this.taskExecutor = requireNonNull(taskExecutor, "taskExecutor is null");
    }

    @Override
    public StreamObserver<TaskEnvelope> tasks(StreamObserver<TaskFrame> responseObserver) {
        TaskStreamReceiver receiver = new TaskStreamReceiver((ServerCallStreamObserver<TaskFrame>) responseObserver,
                taskRunner, taskExecutor, taskStreams::remove);
        taskStreams.add(receiver);
        return receiver;
    }

    /**
     * Lets the open Tasks streams end once their running tasks are done (a long-lived stream
     * would otherwise keep the server from terminating); tasks sent meanwhile are refused.
     */
    void shutdownTaskStreams() {
        taskStreams.forEach(TaskStreamReceiver::shutdown);
    }

    @Override
    public void executeScript(ScriptRequest request, StreamObserver<ScriptResponse> responseObserver) {
        try {
            taskExecutor.execute(() -> {
                try {
                    responseObserver.onNext(scriptRunner.run(request));
                    responseObserver.onCompleted();
                } catch (java.sql.SQLException e) {
                    responseObserver.onError(PgErrorTrailers.toStatusException(PgErrorMapper.toPgError(e)));
                }
            });
        } catch (RejectedExecutionException e) {
            responseObserver.onError(PgErrorTrailers.toStatusException(
                    PgError.of(SqlState.ADMIN_SHUTDOWN, "worker agent is shutting down")));
        }
    }

    @Override
    public StreamObserver<CopyInRequest> copyIn(StreamObserver<CopyInResponse> responseObserver) {
        return new CopyInReceiver(pool, transactions, roles, responseObserver);
    }

    @Override
    public void lockWaits(LockWaitsRequest request, StreamObserver<LockWaitsResponse> responseObserver) {
        answer(responseObserver, () -> LockWaitsResponse.newBuilder().addAllWaits(transactions.lockWaits()).build());
    }

    @Override
    public void cancelTransaction(CancelTransactionRequest request,
                                  StreamObserver<CancelTransactionResponse> responseObserver) {
        answer(responseObserver, () -> CancelTransactionResponse.newBuilder()
                .setFound(transactions.cancelAsDeadlockVictim(request.getTransactionId())).build());
    }

    /** Computes a unary answer on a task thread; PostgreSQL's errors go back in the trailers. */
    private <T> void answer(StreamObserver<T> responseObserver, SqlCall<T> call) {
        try {
            taskExecutor.execute(() -> {
                try {
                    responseObserver.onNext(call.get());
                    responseObserver.onCompleted();
                } catch (java.sql.SQLException e) {
                    responseObserver.onError(PgErrorTrailers.toStatusException(PgErrorMapper.toPgError(e)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    responseObserver.onError(PgErrorTrailers.toStatusException(
                            PgError.of(SqlState.ADMIN_SHUTDOWN, "worker agent is shutting down")));
                }
            });
        } catch (RejectedExecutionException e) {
            responseObserver.onError(PgErrorTrailers.toStatusException(
                    PgError.of(SqlState.ADMIN_SHUTDOWN, "worker agent is shutting down")));
        }
    }

    /** A call that may fail with PostgreSQL's error. */
    @FunctionalInterface
    private interface SqlCall<T> {
        T get() throws java.sql.SQLException, InterruptedException;
    }

    @Override
    public void endTransaction(EndTransactionRequest request, StreamObserver<EndTransactionResponse> responseObserver) {
        answer(responseObserver, () -> EndTransactionResponse.newBuilder().setFound(transactions.end(request)).build());
    }

    @Override
    public void health(HealthRequest request, StreamObserver<HealthResponse> responseObserver) {
        responseObserver.onNext(healthChecker.check());
        responseObserver.onCompleted();
    }
}
