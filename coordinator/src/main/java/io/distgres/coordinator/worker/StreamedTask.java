package io.distgres.coordinator.worker;

import static java.util.Objects.requireNonNull;

import io.distgres.proto.worker.v1.ExecuteResponse;
import io.distgres.proto.worker.v1.PgError;
import io.distgres.proto.worker.v1.PgErrorTrailers;
import io.distgres.proto.worker.v1.Result;
import io.distgres.proto.worker.v1.TaskFrame;
import io.grpc.Status;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One task on a shared Tasks stream: turns its frames into listener calls, one at a time, and
 * gives the agent credit for the messages its listener has taken.
 *
 * <p>A {@link FlowControlledTaskListener} is called on the transport thread and gives credit
 * itself through {@link #request(int)}; any other listener is called on the delivery executor
 * and the task gives one message of credit back for each message the listener returned from,
 * so a slow listener slows its own task on the agent and nothing else.
 */
final class StreamedTask implements WorkerClient.TaskCall {
    /**
     * Messages a listener that is not flow-controlled may have in flight: one it is taking and one
     * on the way, so the agent need not wait a round trip between messages.
     */
    static final int DEFAULT_WINDOW = 2;
    private static final Logger log = LoggerFactory.getLogger(StreamedTask.class);

    private final TaskListener listener;
    private final String taskSql;
    private final boolean flowControlled;
    private final Executor deliveryExecutor;
    private final AtomicBoolean ended = new AtomicBoolean();
    private final Queue<Runnable> deliveries = new ConcurrentLinkedQueue<>();
    /** Deliveries queued and not yet seen by the delivering thread; the thread raising it from 0 delivers. */
    private final AtomicInteger undelivered = new AtomicInteger();
    private volatile SharedTaskStream stream;
    private volatile long taskId;
    private volatile ScheduledFuture<?> timeout;

    StreamedTask(TaskListener listener, String taskSql, Executor deliveryExecutor) {
        this.listener = requireNonNull(listener, "listener is null");
        this.taskSql = requireNonNull(taskSql, "taskSql is null");
        this.deliveryExecutor = requireNonNull(deliveryExecutor, "deliveryExecutor is null");
        this.flowControlled = listener instanceof FlowControlledTaskListener;
    }

    /** Messages the agent may send before the listener asks for more. */
    int initialCredit() {
        return listener instanceof FlowControlledTaskListener controlled ? controlled.initialMessages() : DEFAULT_WINDOW;
    }

    /** The task got id {@code taskId} on {@code stream}; called once, before its execute goes out. */
    void bind(SharedTaskStream stream, long taskId) {
        this.taskId = taskId;
        this.stream = stream;
        if (listener instanceof FlowControlledTaskListener controlled) {
            controlled.started(this);
        }
    }

    long taskId() {
        return taskId;
    }

    void expireAfter(ScheduledFuture<?> timer) {
        this.timeout = timer;
        if (ended.get()) {
            timer.cancel(false);
        }
    }

    /** A frame of this task, on the transport thread. */
    void onFrame(TaskFrame frame) {
        if (ended.get()) {
            return;
        }
        switch (frame.getPayloadCase()) {
            case RESPONSE -> onResponse(frame.getResponse());
            case ERROR -> {
                PgError error = PgError.of(frame.getError());
                fail(new WorkerTaskException(error, PgErrorTrailers.statusCode(error.sqlState()), null));
            }
            default -> log.warn("ignoring unknown task frame {}", frame.getPayloadCase());
        }
    }

    private void onResponse(ExecuteResponse response) {
        switch (response.getPayloadCase()) {
            case COLUMNS -> deliver(() -> {
                listener.onColumns(response.getColumns().getColumnsList());
                taken();
            }, flowControlled);
            case ROWS -> deliver(() -> {
                listener.onRows(response.getRows());
                taken();
            }, flowControlled);
            case NOTICE -> deliver(() -> {
                listener.onNotice(TaskNotice.of(response.getNotice(), taskSql));
                // a notice takes no room in a flow-controlled listener's window: give back the message it used up
                sendCredit(1);
            }, flowControlled);
            case COMPLETION -> {
                if (end()) {
                    deliver(() -> listener.onComplete(response.getCompletion()), flowControlled);
                }
            }
            case RESULT -> {
                if (end()) {
                    Result result = response.getResult();
                    deliver(() -> {
                        listener.onColumns(result.getColumns().getColumnsList());
                        if (result.getRows().getRowsCount() > 0) {
                            listener.onRows(result.getRows());
                        }
                        listener.onComplete(result.getCompletion());
                    }, flowControlled);
                }
            }
            default -> log.warn("ignoring unknown worker response {}", response.getPayloadCase());
        }
    }

    /** Fails the task unless it already ended; called on the transport thread. */
    void fail(WorkerTaskException error) {
        if (end()) {
            deliver(() -> listener.onError(error), flowControlled);
        }
    }

    /** Fails the task as a cancelled gRPC call failed, and cancels its statement on the agent. */
    void cancelWith(Status status) {
        if (end()) {
            SharedTaskStream current = stream;
            if (current != null) {
                current.cancel(taskId);
            }
            WorkerTaskException error = WorkerTaskException.fromGrpc(status.asRuntimeException());
            // never on the caller's thread: it may hold locks the listener takes
            deliver(() -> listener.onError(error), false);
        }
    }

    @Override
    public void cancel() {
        cancelWith(Status.CANCELLED.withDescription("task cancelled by coordinator"));
    }

    @Override
    public void request(int messages) {
        sendCredit(messages);
    }

    /** The listener returned from a message: a listener without its own flow control gets room for one more. */
    private void taken() {
        if (!flowControlled) {
            sendCredit(1);
        }
    }

    private void sendCredit(int messages) {
        SharedTaskStream current = stream;
        if (current != null && !ended.get()) {
            current.credit(taskId, messages);
        }
    }

    /** Marks the task ended; true for the one caller that ends it. */
    private boolean end() {
        if (!ended.compareAndSet(false, true)) {
            return false;
        }
        ScheduledFuture<?> timer = timeout;
        if (timer != null) {
            timer.cancel(false);
        }
        SharedTaskStream current = stream;
        if (current != null) {
            current.forget(taskId);
        }
        return true;
    }

    private void deliver(Runnable delivery, boolean inline) {
        deliveries.add(delivery);
        if (undelivered.getAndIncrement() != 0) {
            return;
        }
        if (inline) {
            deliverQueued();
        } else {
            try {
                deliveryExecutor.execute(this::deliverQueued);
            } catch (RejectedExecutionException e) {
                // the client is closing: the listener still hears how its task ended
                deliverQueued();
            }
        }
    }

    private void deliverQueued() {
        int seen = 1;
        do {
            Runnable next;
            while ((next = deliveries.poll()) != null) {
                try {
                    next.run();
                } catch (RuntimeException e) {
                    log.error("task listener failed", e);
                }
            }
            seen = undelivered.addAndGet(-seen);
        } while (seen != 0);
    }
}
