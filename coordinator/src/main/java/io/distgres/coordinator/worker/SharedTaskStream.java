package io.distgres.coordinator.worker;

import static java.util.Objects.requireNonNull;

import io.distgres.proto.worker.v1.ExecuteRequest;
import io.distgres.proto.worker.v1.OrderedStreamWriter;
import io.distgres.proto.worker.v1.TaskEnvelope;
import io.distgres.proto.worker.v1.TaskFrame;
import io.distgres.proto.worker.v1.WorkerServiceGrpc;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One long-lived Tasks call to an agent, shared by many tasks: sends their envelopes and hands
 * each frame that comes back to its task by id, on the transport thread. When the call breaks,
 * every task still on it fails with the error a broken call of its own would have given it.
 */
final class SharedTaskStream implements ClientResponseObserver<TaskEnvelope, TaskFrame> {
    private final Map<Long, StreamedTask> tasks = new ConcurrentHashMap<>();
    private final AtomicLong lastTaskId = new AtomicLong();
    private volatile OrderedStreamWriter<TaskEnvelope> envelopes;
    /** Why the call ended, once it has. */
    private volatile Throwable broken;

    private SharedTaskStream() {
    }

    /** Opens a Tasks call; frames are handled on the transport thread. */
    static SharedTaskStream open(WorkerServiceGrpc.WorkerServiceStub stub) {
        SharedTaskStream stream = new SharedTaskStream();
        stub.withExecutor(Runnable::run).tasks(stream);
        return stream;
    }

    @Override
    public void beforeStart(ClientCallStreamObserver<TaskEnvelope> call) {
        // frames are only handed over, never waited on: take them as fast as they come (each task's
        // credit is what bounds the memory they take)
        call.disableAutoRequestWithInitial(Integer.MAX_VALUE);
        envelopes = new OrderedStreamWriter<>(call);
    }

    /** False when the call ended already and it has failed every task on it. */
    boolean isOpen() {
        return broken == null;
    }

    /** Why the call ended; null while it is open. */
    Throwable failure() {
        return broken;
    }

    /**
     * Sends {@code task} on this call. False when the call turned out to be broken before the
     * task went out: the caller may try another call.
     */
    boolean start(StreamedTask task, ExecuteRequest request) {
        long taskId = lastTaskId.incrementAndGet();
        task.bind(this, taskId);
        tasks.put(taskId, task);
        if (broken != null && tasks.remove(taskId) != null) {
            return false;
        }
        envelopes.write(TaskEnvelope.newBuilder().setTaskId(taskId).setCredit(task.initialCredit())
                .setExecute(request).build());
        return true;
    }

    void credit(long taskId, int messages) {
        envelopes.write(TaskEnvelope.newBuilder().setTaskId(taskId).setCredit(messages).build());
    }

    void cancel(long taskId) {
        envelopes.write(TaskEnvelope.newBuilder().setTaskId(taskId).setCancel(true).build());
    }

    /** The task ended: later frames of it (none but racing credit answers) are dropped. */
    void forget(long taskId) {
        tasks.remove(taskId);
    }

    /** Starts no more tasks: the agent ends the call once the running ones are done. */
    void close() {
        envelopes.complete();
    }

    @Override
    public void onNext(TaskFrame frame) {
        StreamedTask task = tasks.get(frame.getTaskId());
        if (task != null) {
            task.onFrame(frame);
        }
    }

    @Override
    public void onError(Throwable t) {
        end(t);
    }

    @Override
    public void onCompleted() {
        end(Status.UNAVAILABLE.withDescription("worker agent ended the task stream").asRuntimeException());
    }

    private void end(Throwable cause) {
        broken = requireNonNull(cause, "cause is null");
        for (StreamedTask task : tasks.values()) {
            task.fail(WorkerTaskException.fromGrpc(cause));
        }
    }
}
