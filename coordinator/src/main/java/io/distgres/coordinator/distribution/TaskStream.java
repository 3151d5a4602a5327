package io.distgres.coordinator.distribution;

import io.distgres.coordinator.worker.TaskListener;
import io.distgres.coordinator.worker.WorkerTaskException;
import io.distgres.proto.worker.v1.Column;
import io.distgres.proto.worker.v1.Completion;
import io.distgres.proto.worker.v1.RowBatch;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Hands a task's streamed result from gRPC threads to the session thread that relays it to the
 * client. The queue is small and {@code onRows} waits for room, so a slow client slows the
 * worker instead of filling the coordinator's memory.
 */
final class TaskStream implements TaskListener {
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

    private final BlockingQueue<Event> events = new ArrayBlockingQueue<>(8);

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

    Event take() throws InterruptedException {
        return events.take();
    }

    private void put(Event event) {
        try {
            events.put(event);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
