package io.distgres.worker;

import static java.util.Objects.requireNonNull;

import io.distgres.proto.worker.v1.ExecuteRequest;
import io.distgres.proto.worker.v1.OrderedStreamWriter;
import io.distgres.proto.worker.v1.PgError;
import io.distgres.proto.worker.v1.TaskEnvelope;
import io.distgres.proto.worker.v1.TaskFrame;
import io.distgres.sqlstate.SqlState;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's end of one Tasks stream: starts each task it names on a task thread, routes
 * credit and cancels to it, and writes the frames of all its tasks to the one stream.
 *
 * <p>Envelopes are handled on the transport thread: they only hand work over or signal. The
 * stream ends when the caller half-closes it (or the agent shuts down) and its tasks are done;
 * if it breaks, every task still running on it is cancelled.
 */
final class TaskStreamReceiver implements StreamObserver<TaskEnvelope> {
    private static final Logger log = LoggerFactory.getLogger(TaskStreamReceiver.class);

    private final ServerCallStreamObserver<TaskFrame> frames;
    private final OrderedStreamWriter<TaskFrame> writer;
    private final TaskRunner taskRunner;
    private final Executor taskExecutor;
    private final Consumer<TaskStreamReceiver> onEnd;
    private final Map<Long, ResponseStream> running = new ConcurrentHashMap<>();
    /** No more tasks will start: the caller half-closed, or the agent is shutting down. */
    private volatile boolean closing;
    private final AtomicBoolean ended = new AtomicBoolean();

    TaskStreamReceiver(ServerCallStreamObserver<TaskFrame> frames, TaskRunner taskRunner, Executor taskExecutor,
                       Consumer<TaskStreamReceiver> onEnd) {
        this.frames = requireNonNull(frames, "frames is null");
        this.taskRunner = requireNonNull(taskRunner, "taskRunner is null");
        this.taskExecutor = requireNonNull(taskExecutor, "taskExecutor is null");
        this.onEnd = requireNonNull(onEnd, "onEnd is null");
        this.writer = new OrderedStreamWriter<>(frames);
        frames.setOnReadyHandler(this::wakeSenders);
        frames.setOnCancelHandler(this::cancelAll);
    }

    @Override
    public void onNext(TaskEnvelope envelope) {
        long taskId = envelope.getTaskId();
        switch (envelope.getActionCase()) {
            case EXECUTE -> start(taskId, envelope.getCredit(), envelope.getExecute());
            case CANCEL -> {
                ResponseStream task = running.get(taskId);
                if (task != null) {
                    task.cancel();
                }
            }
            default -> {
                // credit for a task that already ended is nothing to worry about
                ResponseStream task = running.get(taskId);
                if (task != null && envelope.getCredit() > 0) {
                    task.addCredit(envelope.getCredit());
                }
            }
        }
    }

    /** The stream broke or the caller cancelled it: nobody waits for its tasks any more. */
    @Override
    public void onError(Throwable t) {
        cancelAll();
    }

    /** The caller will start no more tasks: end the stream once the running ones are done. */
    @Override
    public void onCompleted() {
        closing = true;
        endIfIdle();
    }

    /** The agent is shutting down: tasks already running finish, new ones are refused, then the stream ends. */
    void shutdown() {
        closing = true;
        endIfIdle();
    }

    boolean isReady() {
        return frames.isReady();
    }

    void write(TaskFrame frame) {
        writer.write(frame);
    }

    private void start(long taskId, int credit, ExecuteRequest request) {
        ResponseStream task = new ResponseStream(taskId, credit, this);
        if (closing) {
            // what a call of its own got from an agent shutting down: unavailable, 08006 on the coordinator
            task.fail(PgError.of(SqlState.CONNECTION_FAILURE,
                    "worker agent unreachable: worker agent is shutting down"));
            return;
        }
        if (running.putIfAbsent(taskId, task) != null) {
            log.warn("ignoring a second task with id {} on one stream", taskId);
            return;
        }
        try {
            taskExecutor.execute(() -> {
                try {
                    taskRunner.run(request, task);
                } finally {
                    running.remove(taskId);
                    endIfIdle();
                }
            });
        } catch (RejectedExecutionException e) {
            running.remove(taskId);
            task.fail(PgError.of(SqlState.ADMIN_SHUTDOWN, "worker agent is shutting down"));
        }
    }

    private void endIfIdle() {
        if (closing && running.isEmpty() && ended.compareAndSet(false, true)) {
            writer.complete();
            onEnd.accept(this);
        }
    }

    private void wakeSenders() {
        running.values().forEach(ResponseStream::wake);
    }

    private void cancelAll() {
        closing = true;
        if (ended.compareAndSet(false, true)) {
            onEnd.accept(this);
        }
        running.values().forEach(ResponseStream::cancel);
    }
}
