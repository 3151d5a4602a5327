package io.distgres.coordinator.execution;

import static java.util.Objects.requireNonNull;

import io.distgres.coordinator.backend.SessionIdentity;
import io.distgres.coordinator.error.PgException;
import io.distgres.coordinator.metadata.CatalogSnapshot;
import io.distgres.coordinator.metadata.DistNode;
import io.distgres.coordinator.metadata.DistShard;
import io.distgres.coordinator.metadata.ShardPlacement;
import io.distgres.coordinator.worker.TaskListener;
import io.distgres.coordinator.worker.TaskRequest;
import io.distgres.coordinator.worker.WorkerClient;
import io.distgres.coordinator.worker.WorkerClients;
import io.distgres.coordinator.worker.WorkerTaskException;
import io.distgres.coordinator.worker.WorkerTaskFailure;
import io.distgres.proto.worker.v1.Column;
import io.distgres.proto.worker.v1.Completion;
import io.distgres.proto.worker.v1.Row;
import io.distgres.proto.worker.v1.RowBatch;
import io.distgres.sqlstate.SqlState;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;

/**
 * Streams the rows of one query on one shard placement (a worker task sending row batches) to a
 * consumer on the calling thread. At most {@link #QUEUED_BATCHES} batches wait between the worker
 * and the consumer, so a large shard never sits in memory.
 */
public final class ShardRowReader {
    private static final int QUEUED_BATCHES = 16;

    private final WorkerClients workers;

    public ShardRowReader(WorkerClients workers) {
        this.workers = requireNonNull(workers, "workers is null");
    }

    /** The node of the first active placement of {@code shard} on an active node. */
    public static DistNode placement(CatalogSnapshot catalog, DistShard shard) {
        for (ShardPlacement placement : shard.placements()) {
            if (placement.state() == ShardPlacement.State.ACTIVE) {
                var node = catalog.node(placement.nodeId());
                if (node.isPresent() && node.get().isActive()) {
                    return node.get();
                }
            }
        }
        throw new PgException(SqlState.INTERNAL_ERROR, "shard " + shard.shardId() + " has no active placement");
    }

    /** Runs {@code sql} on {@code node} as the agent's own user and hands every row to {@code rows}; returns the row count. */
    public long read(DistNode node, String sql, Consumer<Row> rows) {
        return read(node, sql, null, rows);
    }

    /** Runs {@code sql} on {@code node} as {@code identity} (null: the agent's user); returns the row count. */
    public long read(DistNode node, String sql, SessionIdentity identity, Consumer<Row> rows) {
        BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUED_BATCHES);
        WorkerClient.TaskCall call = workers.forNode(node).execute(new TaskRequest(sql, List.of(), 0, null)
                        .withIdentity(identity),
                new TaskListener() {
                    @Override
                    public void onColumns(List<Column> columns) {
                    }

                    @Override
                    public void onRows(RowBatch batch) {
                        put(queue, batch);
                    }

                    @Override
                    public void onComplete(Completion completion) {
                        put(queue, completion);
                    }

                    @Override
                    public void onError(WorkerTaskException error) {
                        put(queue, error);
                    }
                });
        long count = 0;
        try {
            while (true) {
                Object item = queue.take();
                if (item instanceof RowBatch batch) {
                    for (Row row : batch.getRowsList()) {
                        rows.accept(row);
                        count++;
                    }
                } else if (item instanceof WorkerTaskException e) {
                    // shard names become the table's, as in "permission denied for table t"
                    throw WorkerTaskFailure.of(e, sql);
                } else {
                    return count;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            call.cancel();
            throw new PgException(SqlState.QUERY_CANCELED, "canceling statement: interrupted while reading shard rows");
        } catch (RuntimeException e) {
            call.cancel();
            throw e;
        }
    }

    private static void put(BlockingQueue<Object> queue, Object item) {
        try {
            queue.put(item);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
