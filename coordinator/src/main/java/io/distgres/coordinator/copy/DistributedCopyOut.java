package io.distgres.coordinator.copy;

import static java.util.Objects.requireNonNull;

import io.distgres.coordinator.execution.DistributedStatement;
import io.distgres.coordinator.execution.ShardRowReader;
import io.distgres.coordinator.metadata.DistNode;
import io.distgres.coordinator.metadata.DistShard;
import io.distgres.coordinator.pgwire.codec.BackendMessages;
import io.distgres.coordinator.worker.WorkerClients;
import io.distgres.planner.sql.SqlIdentifiers;
import io.distgres.proto.worker.v1.Cell;
import io.distgres.proto.worker.v1.Row;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

/**
 * Runs COPY TO STDOUT on a distributed or reference table: reads each shard in shard order from
 * one of its placements ({@link ShardRowReader}) and re-encodes the text cells as COPY text or
 * CSV rows for the client.
 */
public final class DistributedCopyOut {
    private final ShardRowReader reader;

    DistributedCopyOut(WorkerClients workers) {
        this.reader = new ShardRowReader(requireNonNull(workers, "workers is null"));
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
            DistNode node = ShardRowReader.placement(statement.catalog(), shard);
            // as the session: the shard's privileges are the table's
            rows += reader.read(node, "SELECT " + select + " FROM " + target.shardName(shard.shardId()),
                    statement.session().identity(), row -> {
                byte[] line = encode(row, format);
                out.write(buf -> BackendMessages.copyData(buf, line));
            });
        }
        out.write(BackendMessages::copyDone);
        statement.sink().complete("COPY " + rows);
    }

    /** One row in COPY text or CSV format, with its newline. */
    public static byte[] encode(Row row, CopyFormat format) {
        return encode(row.getCellsCount(), i -> {
            Cell cell = row.getCells(i);
            return cell.getIsNull() ? null : cell.getText().toByteArray();
        }, format);
    }

    /** One row of text cells (null is NULL) in COPY text or CSV format, with its newline. */
    public static byte[] encode(byte[][] cells, CopyFormat format) {
        return encode(cells.length, i -> cells[i], format);
    }

    private static byte[] encode(int cellCount, IntFunction<byte[]> cells, CopyFormat format) {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        byte[] nullBytes = format.nullString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (int i = 0; i < cellCount; i++) {
            if (i > 0) {
                line.write(format.delimiter());
            }
            byte[] value = cells.apply(i);
            if (value == null) {
                line.writeBytes(nullBytes);
            } else if (format.csv()) {
                writeCsv(line, value, format, nullBytes);
            } else {
                writeText(line, value, format.delimiter());
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
