package io.distgres.worker;

import static java.util.Objects.requireNonNull;

import io.distgres.proto.worker.v1.ExecuteRequest;
import io.distgres.proto.worker.v1.ExecuteResponse;
import io.distgres.proto.worker.v1.HealthRequest;
import io.distgres.proto.worker.v1.HealthResponse;
import io.distgres.proto.worker.v1.PgError;
import io.distgres.proto.worker.v1.WorkerServiceGrpc;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

/**
 * The gRPC WorkerService: hands each task to a task thread and answers health checks.
 *
 * <p>Tasks do not run on the gRPC callback thread because gRPC delivers a call's ready and
 * cancel notifications on that thread, and a task blocked in JDBC must still receive them.
 */
final class WorkerService extends WorkerServiceGrpc.WorkerServiceImplBase {
    private final TaskRunner taskRunner;
    private final HealthChecker healthChecker;
    private final ExecutorService taskExecutor;

    WorkerService(TaskRunner taskRunner, HealthChecker healthChecker, ExecutorService taskExecutor) {
        this.taskRunner = requireNonNull(taskRunner, "taskRunner is null");
        this.healthChecker = requireNonNull(healthChecker, "healthChecker is null");
        this.taskExecutor = requireNonNull(taskExecutor, "taskExecutor is null");
    }

    @Override
    public void execute(ExecuteRequest request, StreamObserver<ExecuteResponse> responseObserver) {
        ResponseStream stream = new ResponseStream((ServerCallStreamObserver<ExecuteResponse>) responseObserver);
        try {
            taskExecutor.execute(() -> taskRunner.run(request, stream));
        } catch (RejectedExecutionException e) {
            stream.fail(PgError.of("57P01", "worker agent is shutting down"));
        }
    }

    @Override
    public void health(HealthRequest request, StreamObserver<HealthResponse> responseObserver) {
        responseObserver.onNext(healthChecker.check());
        responseObserver.onCompleted();
    }
}
