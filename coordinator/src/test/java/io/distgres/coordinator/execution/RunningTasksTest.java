package io.distgres.coordinator.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.distgres.coordinator.worker.FlowControlledTaskListener;
import io.distgres.coordinator.worker.TaskListener;
import io.distgres.coordinator.worker.WorkerClient;
import io.distgres.coordinator.worker.WorkerTaskException;
import io.distgres.proto.worker.v1.Column;
import io.distgres.proto.worker.v1.Completion;
import io.distgres.proto.worker.v1.RowBatch;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Tracking a task for cancellation must not switch off its flow control: the worker client gives
 * a listener its own window and no thread hop only when it sees a {@link FlowControlledTaskListener}.
 */
class RunningTasksTest {
    private final RunningTasks running = new RunningTasks();

    @Test
    void aTrackedStreamKeepsItsWindowAndAsksForMoreAsRowsAreTaken() throws InterruptedException {
        TaskStream stream = new TaskStream();
        TaskListener tracked = running.track(stream);

        assertThat(tracked).isInstanceOf(FlowControlledTaskListener.class);
        FlowControlledTaskListener flowControlled = (FlowControlledTaskListener) tracked;
        assertThat(flowControlled.initialMessages()).isEqualTo(TaskStream.WINDOW);

        CountingCall call = new CountingCall();
        flowControlled.started(call);
        tracked.onRows(RowBatch.getDefaultInstance());
        assertThat(stream.take()).isInstanceOf(TaskStream.Event.Rows.class);
        assertThat(call.requested).containsExactly(1);
    }

    @Test
    void aPlainListenerStaysPlainAndStillEndsItsTask() {
        List<String> heard = new ArrayList<>();
        TaskListener plain = new TaskListener() {
            @Override
            public void onColumns(List<Column> columns) {
                heard.add("columns");
            }

            @Override
            public void onRows(RowBatch batch) {
                heard.add("rows");
            }

            @Override
            public void onComplete(Completion completion) {
                heard.add("complete");
            }

            @Override
            public void onError(WorkerTaskException error) {
                heard.add("error");
            }
        };
        RunningTasks.Tracked tracked = running.track(plain);
        CountingCall call = new CountingCall();
        tracked.register(call);

        assertThat(tracked).isNotInstanceOf(FlowControlledTaskListener.class);
        tracked.onComplete(Completion.getDefaultInstance());
        running.cancelAll();
        assertThat(call.cancelled).as("an ended task is not cancelled").isFalse();
        assertThat(heard).containsExactly("complete");
    }

    @Test
    void cancelAllCancelsATrackedStreamStillRunning() {
        RunningTasks.Tracked tracked = running.track(new TaskStream());
        CountingCall call = new CountingCall();
        tracked.register(call);

        running.cancelAll();
        assertThat(call.cancelled).isTrue();
    }

    private static final class CountingCall implements WorkerClient.TaskCall {
        private final List<Integer> requested = new ArrayList<>();
        private boolean cancelled;

        @Override
        public void cancel() {
            cancelled = true;
        }

        @Override
        public void request(int messages) {
            requested.add(messages);
        }
    }
}
