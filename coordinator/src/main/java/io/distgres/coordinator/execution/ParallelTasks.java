package io.distgres.coordinator.execution;

import io.distgres.coordinator.error.PgException;
import io.distgres.coordinator.metadata.CatalogSnapshot;
import io.distgres.coordinator.metadata.DistNode;
import io.distgres.coordinator.worker.TaskListener;
import io.distgres.coordinator.worker.TaskRequest;
import io.distgres.coordinator.worker.WorkerClient;
import io.distgres.coordinator.worker.WorkerTaskException;
import io.distgres.coordinator.worker.WorkerTaskFailure;
import io.distgres.planner.plan.Task;
import io.distgres.proto.worker.v1.Column;
import io.distgres.proto.worker.v1.Completion;
import io.distgres.proto.worker.v1.RowBatch;
import io.distgres.sqlstate.SqlState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The tasks of one statement running at once on their workers, their results arriving on one
 * bounded queue in whatever order the workers produce them. A slow consumer slows the workers
 * (the queue is small and producers wait), so memory stays bounded.
 */
final class ParallelTasks implements AutoCloseable {
    /** One event of task {@code task}'s result. */
    record Event(int task, TaskStream.Event event) {
    }

    /** How long a 25P02 failure waits for its sibling tasks' errors (they share the worker's transaction). */
    private static final Duration CAUSE_WAIT = Duration.ofSeconds(5);

    private final BlockingQueue<Event> events = new ArrayBlockingQueue<>(64);
    private final List<WorkerClient.TaskCall> calls = new ArrayList<>();
    private final List<String> taskSql = new ArrayList<>();
    private int running;
    private volatile boolean closed;

    ParallelTasks(WorkerTasks workers, SessionAccess session, CatalogSnapshot catalog, List<Task> tasks,
                  boolean writes) {
        for (int i = 0; i < tasks.size(); i++) {
            Task task = tasks.get(i);
            taskSql.add(task.sql());
            DistNode node = catalog.node(task.nodeId()).orElseThrow(() -> new PgException(
                    SqlState.CONNECTION_FAILURE, "node " + task.nodeId() + " of a shard is not in the catalog"));
            calls.add(workers.start(session, node, new TaskRequest(task.sql(), task.parameters(), 0, null), writes,
                    listener(i)));
            running++;
        }
    }

    /** True while some task has not completed or failed. */
    boolean running() {
        return running > 0;
    }

    /** The next event of any task; a failed task's error is thrown (and the others cancelled). */
    Event next() {
        try {
            Event event = events.take();
            if (event.event() instanceof TaskStream.Event.Done) {
                running--;
            } else if (event.event() instanceof TaskStream.Event.Failed failed) {
                running--;
                Event failure = SqlState.IN_FAILED_SQL_TRANSACTION.equals(failed.error().sqlState())
                        ? causeOfAbortedBlock(event) : event;
                close();
                throw WorkerTaskFailure.of(((TaskStream.Event.Failed) failure.event()).error(),
                        taskSql.get(failure.task()));
            }
            return event;
        } catch (InterruptedException e) {
            close();
            Thread.currentThread().interrupt();
            throw new PgException(SqlState.QUERY_CANCELED, "canceling statement due to user request");
        }
    }

    /**
     * Tasks that share a worker's transaction fail with 25P02 once an earlier one failed there, and
     * their errors may arrive first (each task has its own stream): the client must see the error
     * that aborted the block, as PostgreSQL would show it. Waits, within a bound, for the other tasks
     * and returns the first failure of another kind, or the 25P02 one when there is none.
     */
    private Event causeOfAbortedBlock(Event aborted) throws InterruptedException {
        long deadline = System.nanoTime() + CAUSE_WAIT.toNanos();
        while (running > 0) {
            Event event = events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (event == null) {
                return aborted;
            }
            if (event.event() instanceof TaskStream.Event.Done) {
                running--;
            } else if (event.event() instanceof TaskStream.Event.Failed failed) {
                running--;
                if (!SqlState.IN_FAILED_SQL_TRANSACTION.equals(failed.error().sqlState())) {
                    return event;
                }
            }
        }
        return aborted;
    }

    /** Cancels every task still running. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (running > 0) {
            calls.forEach(WorkerClient.TaskCall::cancel);
        }
        events.clear();
    }

    private TaskListener listener(int task) {
        return new TaskListener() {
            @Override
            public void onColumns(List<Column> columns) {
                put(new Event(task, new TaskStream.Event.Columns(columns)));
            }

            @Override
            public void onRows(RowBatch batch) {
                put(new Event(task, new TaskStream.Event.Rows(batch)));
            }

            @Override
            public void onComplete(Completion completion) {
                put(new Event(task, new TaskStream.Event.Done(completion)));
            }

            @Override
            public void onError(WorkerTaskException error) {
                put(new Event(task, new TaskStream.Event.Failed(error)));
            }
        };
    }

    /** Waits for room, unless the consumer is gone (then the event is dropped, never blocking gRPC). */
    private void put(Event event) {
        try {
            while (!closed) {
                if (events.offer(event, 100, TimeUnit.MILLISECONDS)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
