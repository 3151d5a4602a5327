package io.distgres.coordinator.worker;

import static java.util.Objects.requireNonNull;

import io.distgres.proto.worker.v1.ExecuteRequest;
import io.distgres.proto.worker.v1.WorkerServiceGrpc;
import io.grpc.Status;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A fixed few long-lived Tasks calls to one agent, taken in turn by the tasks started on it, each
 * opened again when it broke. A gRPC call per task cost more than a point read itself (headers,
 * stream setup and teardown, a call's executors); a task on a shared call costs a few messages.
 */
final class TaskStreams {
    private final WorkerServiceGrpc.WorkerServiceStub stub;
    private final Executor deliveryExecutor;
    private final ScheduledExecutorService timer;
    private final AtomicReferenceArray<SharedTaskStream> streams;
    private final AtomicInteger turn = new AtomicInteger();

    TaskStreams(WorkerServiceGrpc.WorkerServiceStub stub, int count, Executor deliveryExecutor,
                ScheduledExecutorService timer) {
        this.stub = requireNonNull(stub, "stub is null");
        this.deliveryExecutor = requireNonNull(deliveryExecutor, "deliveryExecutor is null");
        this.timer = requireNonNull(timer, "timer is null");
        this.streams = new AtomicReferenceArray<>(count);
    }

    /**
     * Starts a task; {@code timeout} (null: none) fails it with 57014 and cancels its statement,
     * as a gRPC deadline did.
     */
    WorkerClient.TaskCall start(ExecuteRequest request, TaskListener listener, Duration timeout) {
        StreamedTask task = new StreamedTask(listener, request.getSql(), deliveryExecutor);
        int slot = Math.floorMod(turn.getAndIncrement(), streams.length());
        // a call found broken before the task went out is replaced once; a fresh call that broke
        // at once (agent down, client closed) fails the task with its error
        SharedTaskStream stream = stream(slot);
        if (!stream.start(task, request)) {
            stream = stream(slot);
            if (!stream.start(task, request)) {
                task.fail(WorkerTaskException.fromGrpc(stream.failure()));
            }
        }
        if (timeout != null) {
            task.expireAfter(timer.schedule(
                    () -> task.cancelWith(Status.DEADLINE_EXCEEDED.withDescription("task deadline exceeded")),
                    timeout.toNanos(), TimeUnit.NANOSECONDS));
        }
        return task;
    }

    /** Lets every call end once its running tasks are done. */
    void close() {
        for (int i = 0; i < streams.length(); i++) {
            SharedTaskStream stream = streams.getAndSet(i, null);
            if (stream != null) {
                stream.close();
            }
        }
    }

    private SharedTaskStream stream(int slot) {
        SharedTaskStream stream = streams.get(slot);
        if (stream != null && stream.isOpen()) {
            return stream;
        }
        synchronized (this) {
            stream = streams.get(slot);
            if (stream == null || !stream.isOpen()) {
                stream = SharedTaskStream.open(stub);
                streams.set(slot, stream);
            }
            return stream;
        }
    }
}
