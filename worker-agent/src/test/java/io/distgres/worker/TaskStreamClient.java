package io.distgres.worker;

import io.distgres.proto.worker.v1.ExecuteRequest;
import io.distgres.proto.worker.v1.ExecuteResponse;
import io.distgres.proto.worker.v1.TaskEnvelope;
import io.distgres.proto.worker.v1.TaskFrame;
import io.distgres.proto.worker.v1.WorkerServiceGrpc;
import io.grpc.Channel;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** One raw Tasks call as a test drives it: tasks started with explicit credit, frames queued per task. */
final class TaskStreamClient implements ClientResponseObserver<TaskEnvelope, TaskFrame> {
    private final Map<Long, BlockingQueue<TaskFrame>> frames = new ConcurrentHashMap<>();
    private final AtomicLong lastTaskId = new AtomicLong();
    private volatile ClientCallStreamObserver<TaskEnvelope> call;
    /** How the call ended: "completed", or the gRPC status code it failed with. */
    final BlockingQueue<String> ended = new LinkedBlockingQueue<>();

    static TaskStreamClient open(Channel channel) {
        TaskStreamClient client = new TaskStreamClient();
        WorkerServiceGrpc.newStub(channel).tasks(client);
        return client;
    }

    @Override
    public void beforeStart(ClientCallStreamObserver<TaskEnvelope> requestStream) {
        this.call = requestStream;
    }

    /** Starts a task that may send {@code credit} messages; returns its id. */
    synchronized long start(ExecuteRequest request, int credit) {
        long taskId = lastTaskId.incrementAndGet();
        frames.put(taskId, new LinkedBlockingQueue<>());
        call.onNext(TaskEnvelope.newBuilder().setTaskId(taskId).setCredit(credit).setExecute(request).build());
        return taskId;
    }

    synchronized void credit(long taskId, int messages) {
        call.onNext(TaskEnvelope.newBuilder().setTaskId(taskId).setCredit(messages).build());
    }

    synchronized void cancel(long taskId) {
        call.onNext(TaskEnvelope.newBuilder().setTaskId(taskId).setCancel(true).build());
    }

    /** Breaks the whole call, as a coordinator that goes away does. */
    void cancelCall() {
        call.cancel("test breaks the stream", null);
    }

    synchronized void halfClose() {
        call.onCompleted();
    }

    /** The task's next frame, waiting up to 30 s. */
    TaskFrame next(long taskId) throws InterruptedException {
        TaskFrame frame = frames.get(taskId).poll(30, TimeUnit.SECONDS);
        if (frame == null) {
            throw new AssertionError("no frame for task " + taskId + " within 30 s");
        }
        return frame;
    }

    /** The task's next frame if one arrives within {@code millis}, else null. */
    TaskFrame poll(long taskId, long millis) throws InterruptedException {
        return frames.get(taskId).poll(millis, TimeUnit.MILLISECONDS);
    }

    /** Every frame of a task up to and including the one that ends it. */
    List<TaskFrame> untilEnd(long taskId) throws InterruptedException {
        List<TaskFrame> taken = new ArrayList<>();
        TaskFrame frame;
        do {
            frame = next(taskId);
            taken.add(frame);
        } while (!ends(frame));
        return taken;
    }

    /** Runs one task with ample credit and returns its frames. */
    List<TaskFrame> run(ExecuteRequest request) throws InterruptedException {
        return untilEnd(start(request, 1000));
    }

    static boolean ends(TaskFrame frame) {
        if (frame.hasError()) {
            return true;
        }
        ExecuteResponse.PayloadCase payload = frame.getResponse().getPayloadCase();
        return payload == ExecuteResponse.PayloadCase.COMPLETION || payload == ExecuteResponse.PayloadCase.RESULT;
    }

    @Override
    public void onNext(TaskFrame frame) {
        frames.get(frame.getTaskId()).add(frame);
    }

    @Override
    public void onError(Throwable t) {
        ended.add(io.grpc.Status.fromThrowable(t).getCode().name());
    }

    @Override
    public void onCompleted() {
        ended.add("completed");
    }
}
