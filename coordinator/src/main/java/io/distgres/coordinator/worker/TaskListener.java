package io.distgres.coordinator.worker;

import io.distgres.coordinator.error.PgError;
import io.distgres.proto.worker.v1.Column;
import io.distgres.proto.worker.v1.Completion;
import io.distgres.proto.worker.v1.RowBatch;
import java.util.List;

/**
 * Receives one task's result as it streams in: {@code onColumns} once, {@code onRows} zero or
 * more times, then exactly one of {@code onComplete} or {@code onError}; {@code onNotice} whenever
 * the worker's PostgreSQL raised a NOTICE or WARNING, before the task's end.
 *
 * <p>Called one call at a time, on a delivery thread of the {@link WorkerClient} (on the gRPC
 * transport thread for a {@link FlowControlledTaskListener}). The agent gets credit for another
 * message only after a callback returns, so a slow listener slows its task on the worker instead
 * of filling memory, and leaves the other tasks sharing its stream alone.
 */
public interface TaskListener {
    void onColumns(List<Column> columns);

    void onRows(RowBatch batch);

    void onComplete(Completion completion);

    void onError(WorkerTaskException error);

    /**
     * A notice the task raised, shard names already turned into table names. Ignored unless the
     * listener relays it: distgres's own tasks have no client to show it to.
     */
    default void onNotice(PgError notice) {
    }
}
