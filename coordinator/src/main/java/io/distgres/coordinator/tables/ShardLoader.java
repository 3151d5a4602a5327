package io.distgres.coordinator.tables;

import static java.util.Objects.requireNonNull;

import io.distgres.coordinator.metadata.DistNode;
import io.distgres.coordinator.schema.ShardDdl;
import io.distgres.coordinator.schema.TableDefinition;
import io.distgres.coordinator.worker.CopyInStream;
import io.distgres.coordinator.worker.WorkerClients;
import io.distgres.planner.sql.SqlIdentifiers;
import java.io.ByteArrayOutputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.postgresql.copy.CopyManager;
import org.postgresql.copy.CopyOut;
import org.postgresql.core.BaseConnection;

/**
 * Streams a coordinator table's rows into its new shards: COPY TO STDOUT on the coordinator,
 * each row routed by its distribution value into a per-placement batch, and full batches sent as
 * one COPY FROM STDIN each. Only one COPY per worker is open at a time, so loading never needs
 * more worker connections than one, and memory is bounded by {@link #MAX_BUFFERED_BYTES}.
 * Shards are not in the catalog yet, so a batch committed before a later failure is harmless:
 * the caller drops the shards.
 */
final class ShardLoader {
    private static final int BATCH_BYTES = 4 << 20;
    private static final long MAX_BUFFERED_BYTES = 64L << 20;
    private static final int CHUNK_BYTES = 256 << 10;
    private static final long PROGRESS_EVERY_ROWS = 100_000;

    private final Connection connection;
    private final WorkerClients workers;
    private long buffered;

    ShardLoader(Connection connection, WorkerClients workers) {
        this.connection = requireNonNull(connection, "connection is null");
        this.workers = requireNonNull(workers, "workers is null");
    }

    long load(TableDefinition table, List<PlannedShard> shards, ShardRowRouter router, Consumer<String> progress)
            throws SQLException {
        String columns = router.columns().stream().map(SqlIdentifiers::quote).collect(Collectors.joining(", "));
        CopyOut out = new CopyManager(connection.unwrap(BaseConnection.class)).copyOut("COPY "
                + SqlIdentifiers.qualified(table.schema(), table.name()) + " (" + columns + ") TO STDOUT");
        Map<String, Batch> batches = new LinkedHashMap<>();
        long rows = 0;
        try {
            byte[] row;
            while ((row = out.readFromCopy()) != null) {
                PlannedShard shard = shards.get(router.shardIndex(row));
                for (DistNode node : shard.nodes()) {
                    Batch batch = batches.computeIfAbsent(shard.shardId() + "@" + node.nodeId(),
                            key -> new Batch(node, "COPY " + SqlIdentifiers.qualified(table.schema(),
                                    ShardDdl.shardName(table.name(), shard.shardId())) + " (" + columns
                                    + ") FROM STDIN"));
                    batch.rows.writeBytes(row);
                    buffered += row.length;
                    if (batch.rows.size() >= BATCH_BYTES) {
                        send(batch);
                    }
                }
                if (buffered >= MAX_BUFFERED_BYTES) {
                    send(batches.values().stream().max(Comparator.comparingInt(b -> b.rows.size())).orElseThrow());
                }
                if (++rows % PROGRESS_EVERY_ROWS == 0) {
                    progress.accept("moving rows of " + table.name() + ": " + rows);
                }
            }
            for (Batch batch : batches.values()) {
                send(batch);
            }
            return rows;
        } catch (SQLException | RuntimeException e) {
            if (out.isActive()) {
                out.cancelCopy();
            }
            throw e;
        }
    }

    private void send(Batch batch) {
        int size = batch.rows.size();
        if (size == 0) {
            return;
        }
        byte[] data = batch.rows.toByteArray();
        batch.rows.reset();
        buffered -= size;
        CopyInStream stream = workers.forNode(batch.node).copyIn(batch.copyStatement);
        try {
            for (int offset = 0; offset < data.length; offset += CHUNK_BYTES) {
                stream.write(data, offset, Math.min(CHUNK_BYTES, data.length - offset));
            }
            stream.finish();
        } catch (RuntimeException e) {
            stream.abort("loading the shard failed");
            throw e;
        }
    }

    /** Rows waiting for one placement. */
    private static final class Batch {
        private final DistNode node;
        private final String copyStatement;
        private final ByteArrayOutputStream rows = new ByteArrayOutputStream();

        Batch(DistNode node, String copyStatement) {
            this.node = node;
            this.copyStatement = copyStatement;
        }
    }
}
