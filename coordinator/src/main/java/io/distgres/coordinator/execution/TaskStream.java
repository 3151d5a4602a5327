package io.distgres.coordinator.execution;

import io.distgres.coordinator.worker.FlowControlledTaskListener;
import io.distgres.coordinator.worker.WorkerClient;
import io.distgres.coordinator.worker.WorkerTaskException;
import io.distgres.proto.worker.v1.Column;
import io.distgres.proto.worker.v1.Completion;
import io.distgres.proto.worker.v1.RowBatch;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Hands a task's streamed result from gRPC's transport thread to the session thread that relays
 * it to the client. Callbacks only enqueue (they run on the transport thread); at most
 * {@link #WINDOW} messages are requested ahead of what the session thread took, so a slow
 * client slows the worker instead of filling the coordinator's memory.
 */
final class TaskStream implements FlowControlledTaskListener {
    static final int WINDOW = 8;
    /** One event of a task's result. */
    sealed interface Event {
        record Columns(List<Column> columns) implements Event {
        }

        record Rows(RowBatch batch) implements Event {
        }

        record Done(Completion completion) implements Event {
        }

        record Failed(WorkerTaskException error) implements Event {
        }
    }

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private volatile WorkerClient.TaskCall call;

    @Override
    public int initialMessages() {
        return WINDOW;
    }

    @Override
    public void started(WorkerClient.TaskCall call) {
        this.call = call;
    }

    @Override
    public void onColumns(List<Column> columns) {
        put(new Event.Columns(columns));
    }

    @Override
    public void onRows(RowBatch batch) {
        put(new Event.Rows(batch));
    }

    @Override
    public void onComplete(Completion completion) {
        put(new Event.Done(completion));
    }

    @Override
    public void onError(WorkerTaskException error) {
        put(new Event.Failed(error));
    }

    /** The next event; taking columns or rows asks the agent for one more message. */
    Event take() throws InterruptedException {
        Event event = events.take();
        if ((event instanceof Event.Columns || event instanceof Event.Rows) && call != null) {
            call.request(1);
        }
        return event;
    }

    private void put(Event event) {
        events.add(event);
    }
}
