package io.distgres.coordinator.execution;

import static java.util.Objects.requireNonNull;

import io.distgres.coordinator.error.PgError;
import io.distgres.coordinator.worker.FlowControlledTaskListener;
import io.distgres.coordinator.worker.TaskListener;
import io.distgres.coordinator.worker.WorkerClient;
import io.distgres.coordinator.worker.WorkerTaskException;
import io.distgres.proto.worker.v1.Column;
import io.distgres.proto.worker.v1.Completion;
import io.distgres.proto.worker.v1.RowBatch;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The worker tasks one session is running, so that a CancelRequest (which arrives on another
 * connection, on another thread) can cancel them on their workers. Thread-safe.
 */
public final class RunningTasks {
    private final Set<Tracked> running = ConcurrentHashMap.newKeySet();
    private final WorkerNoticeRelay notices = new WorkerNoticeRelay();

    /** Where the tasks' notices go on their way to the client. */
    public WorkerNoticeRelay notices() {
        return notices;
    }

    /**
     * {@code listener} wrapped so that the task leaves this set when it ends. A flow-controlled
     * listener stays flow-controlled: the worker client runs it on the transport thread with its
     * own window only when it sees {@link FlowControlledTaskListener}.
     */
    Tracked track(TaskListener listener) {
        requireNonNull(listener, "listener is null");
        return listener instanceof FlowControlledTaskListener flowControlled
                ? new FlowControlledTracked(flowControlled) : new Tracked(listener);
    }

    /** Cancels every running task; each fails with 57014 on its listener. */
    public void cancelAll() {
        for (Tracked task : running) {
            running.remove(task);
            WorkerClient.TaskCall call = task.call;
            if (call != null) {
                call.cancel();
            }
        }
    }

    /** A task's listener that removes the task from the set when the task ends. */
    class Tracked implements TaskListener {
        private final TaskListener listener;
        private volatile WorkerClient.TaskCall call;
        private volatile boolean ended;

        private Tracked(TaskListener listener) {
            this.listener = listener;
        }

        /** Registers the started call (unless it already ended) and returns it. */
        WorkerClient.TaskCall register(WorkerClient.TaskCall started) {
            this.call = started;
            if (!ended) {
                running.add(this);
                if (ended) {
                    running.remove(this);
                }
            }
            return started;
        }

        @Override
        public void onColumns(List<Column> columns) {
            listener.onColumns(columns);
        }

        @Override
        public void onRows(RowBatch batch) {
            listener.onRows(batch);
        }

        @Override
        public void onNotice(PgError notice) {
            notices.add(notice);
        }

        @Override
        public void onComplete(Completion completion) {
            end();
            listener.onComplete(completion);
        }

        @Override
        public void onError(WorkerTaskException error) {
            end();
            listener.onError(error);
        }

        private void end() {
            ended = true;
            running.remove(this);
        }
    }

    /** A tracked listener that keeps its listener's window and hears when its call starts. */
    final class FlowControlledTracked extends Tracked implements FlowControlledTaskListener {
        private final FlowControlledTaskListener flowControlled;

        private FlowControlledTracked(FlowControlledTaskListener flowControlled) {
            super(flowControlled);
            this.flowControlled = flowControlled;
        }

        @Override
        public int initialMessages() {
            return flowControlled.initialMessages();
        }

        @Override
        public void started(WorkerClient.TaskCall call) {
            flowControlled.started(call);
        }
    }
}
