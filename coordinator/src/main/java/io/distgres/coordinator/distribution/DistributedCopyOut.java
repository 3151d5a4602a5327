package io.distgres.coordinator.distribution;

import static java.util.Objects.requireNonNull;

import io.distgres.coordinator.error.PgError;
import io.distgres.coordinator.error.PgException;
import io.distgres.coordinator.metadata.DistNode;
import io.distgres.coordinator.metadata.DistShard;
import io.distgres.coordinator.metadata.ShardPlacement;
import io.distgres.coordinator.pgwire.codec.BackendMessages;
import io.distgres.coordinator.worker.TaskListener;
import io.distgres.coordinator.worker.TaskRequest;
import io.distgres.coordinator.worker.WorkerClient;
import io.distgres.coordinator.worker.WorkerClients;
import io.distgres.coordinator.worker.WorkerTaskException;
import io.distgres.proto.worker.v1.Cell;
import io.distgres.proto.worker.v1.Column;
import io.distgres.proto.worker.v1.Completion;
import io.distgres.proto.worker.v1.Row;
import io.distgres.proto.worker.v1.RowBatch;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.stream.Collectors;

/**
 * Runs COPY TO STDOUT on a distributed or reference table: reads each shard in shard order from
 * one of its placements (a worker task streaming row batches) and re-encodes the text cells as
 * COPY text or CSV rows for the client. At most {@link #QUEUED_BATCHES} batches wait between the
 * worker and the client, so a large table never sits in memory.
 */
final class DistributedCopyOut {
    private static final int QUEUED_BATCHES = 16;

    private final WorkerClients workers;

    DistributedCopyOut(WorkerClients workers) {
        this.workers = requireNonNull(workers, "workers is null");
    }

    void run(DistributedStatement statement, CopyCommand command, CopyTarget target) {
        List<String> columns = command.columns().isEmpty() ? target.defaultColumns() : command.columns();
        columns.forEach(target::column);
        CopyFormat format = command.format();
        String select = columns.stream().map(SqlIdentifiers::quote).collect(Collectors.joining(", "));
        var out = statement.session().out();
        out.write(buf -> BackendMessages.copyOutResponse(buf, 0, new short[columns.size()]));
        if (format.header()) {
            Row.Builder header = Row.newBuilder();
            columns.forEach(c -> header.addCells(Cell.newBuilder().setText(com.google.protobuf.ByteString.copyFromUtf8(c))));
            byte[] line = encode(header.build(), format);
            out.write(buf -> BackendMessages.copyData(buf, line));
        }
        long rows = 0;
        for (DistShard shard : target.table().shards()) {
            DistNode node = placement(statement, shard);
            rows += copyShard(statement, workers.forNode(node), "SELECT " + select + " FROM "
                    + target.shardName(shard.shardId()), format);
        }
        out.write(BackendMessages::copyDone);
        statement.sink().complete("COPY " + rows);
    }

    private static DistNode placement(DistributedStatement statement, DistShard shard) {
        for (ShardPlacement placement : shard.placements()) {
            if (placement.state() == ShardPlacement.State.ACTIVE) {
                var node = statement.catalog().node(placement.nodeId());
                if (node.isPresent() && node.get().isActive()) {
                    return node.get();
                }
            }
        }
        throw new PgException("XX000", "shard " + shard.shardId() + " has no active placement");
    }

    private long copyShard(DistributedStatement statement, WorkerClient worker, String sql, CopyFormat format) {
        BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUED_BATCHES);
        WorkerClient.TaskCall call = worker.execute(new TaskRequest(sql, List.of(), 0, null), new TaskListener() {
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
        long rows = 0;
        try {
            while (true) {
                Object item = queue.take();
                if (item instanceof RowBatch batch) {
                    for (Row row : batch.getRowsList()) {
                        byte[] line = encode(row, format);
                        statement.session().out().write(buf -> BackendMessages.copyData(buf, line));
                        rows++;
                    }
                } else if (item instanceof WorkerTaskException e) {
                    throw new PgException(new PgError("ERROR", e.sqlState(), e.pgMessage(), null, null, 0, null,
                            null, null, null, null, null));
                } else {
                    return rows;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            call.cancel();
            throw new PgException("57014", "canceling COPY TO: interrupted");
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

    /** One row in COPY text or CSV format, with its newline. */
    static byte[] encode(Row row, CopyFormat format) {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        byte[] nullBytes = format.nullString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (int i = 0; i < row.getCellsCount(); i++) {
            if (i > 0) {
                line.write(format.delimiter());
            }
            Cell cell = row.getCells(i);
            if (cell.getIsNull()) {
                line.writeBytes(nullBytes);
            } else if (format.csv()) {
                writeCsv(line, cell.getText().toByteArray(), format, nullBytes);
            } else {
                writeText(line, cell.getText().toByteArray(), format.delimiter());
            }
        }
        line.write('\n');
        return line.toByteArray();
    }

    private static void writeText(ByteArrayOutputStream line, byte[] value, byte delimiter) {
        for (byte b : value) {
            switch (b) {
                case '\\' -> line.writeBytes(new byte[] {'\\', '\\'});
                case '\n' -> line.writeBytes(new byte[] {'\\', 'n'});
                case '\r' -> line.writeBytes(new byte[] {'\\', 'r'});
                case '\t' -> line.writeBytes(new byte[] {'\\', 't'});
                default -> {
                    if (b == delimiter) {
                        line.write('\\');
                    }
                    line.write(b);
                }
            }
        }
    }

    private static void writeCsv(ByteArrayOutputStream line, byte[] value, CopyFormat format, byte[] nullBytes) {
        boolean quote = java.util.Arrays.equals(value, nullBytes) || (value.length > 0 && value[0] == '\\'
                && value.length == 2 && value[1] == '.');
        for (byte b : value) {
            if (b == format.delimiter() || b == format.quote() || b == '\n' || b == '\r' || b == format.escape()) {
                quote = true;
                break;
            }
        }
        if (!quote) {
            line.writeBytes(value);
            return;
        }
        line.write(format.quote());
        for (byte b : value) {
            if (b == format.quote() || b == format.escape()) {
                line.write(format.escape());
            }
            line.write(b);
        }
        line.write(format.quote());
    }
}
