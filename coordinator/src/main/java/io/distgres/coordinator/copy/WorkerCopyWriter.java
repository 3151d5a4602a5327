package io.distgres.coordinator.copy;

import static java.util.Objects.requireNonNull;

import io.distgres.coordinator.backend.SessionIdentity;
import io.distgres.coordinator.error.PgError;
import io.distgres.coordinator.error.PgException;
import io.distgres.coordinator.worker.CopyInStream;
import io.distgres.coordinator.worker.ShardNameRestorer;
import io.distgres.coordinator.worker.WorkerClient;
import io.distgres.coordinator.worker.WorkerTaskException;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Feeds one worker's share of a client COPY through one CopyIn transaction: rows are buffered per
 * shard and sent in batches, switching the worker's COPY statement only when another shard's
 * batch goes out. It remembers which client line each forwarded row came from, so a worker's
 * "COPY shard, line n" error is reported with the client's line number.
 */
final class WorkerCopyWriter {
    private static final int CHUNK_BYTES = 256 << 10;
    private static final Pattern LINE = Pattern.compile("^COPY [^,]+, line (\\d+)(.*)$", Pattern.DOTALL);

    private final WorkerClient client;
    private final String table;
    private final Supplier<String> transactionId;
    private final SessionIdentity identity;
    private final Map<String, ShardBuffer> buffers = new LinkedHashMap<>();
    /** One entry per COPY statement sent on the stream, in order: the worker reports failures by ordinal. */
    private final List<Segment> segments = new ArrayList<>();
    private CopyInStream stream;
    private long buffered;

    /**
     * {@code transactionId}: the transaction handle the rows join, "" for a CopyIn transaction of
     * their own; asked once, when the first batch goes out. {@code identity}: who loads them on the worker.
     */
    WorkerCopyWriter(WorkerClient client, String table, Supplier<String> transactionId, SessionIdentity identity) {
        this.client = requireNonNull(client, "client is null");
        this.table = requireNonNull(table, "table is null");
        this.transactionId = requireNonNull(transactionId, "transactionId is null");
        this.identity = requireNonNull(identity, "identity is null");
    }

    /** Buffers {@code row} (client line {@code line}) for the shard that {@code copyStatement} loads. */
    void add(String copyStatement, byte[] row, int line) {
        ShardBuffer buffer = buffers.computeIfAbsent(copyStatement, ShardBuffer::new);
        buffer.add(row, line);
        buffered += row.length;
    }

    long buffered() {
        return buffered;
    }

    /** Sends the fullest shard's batch (to bound the coordinator's memory). */
    void flushLargest() {
        buffers.values().stream().max(Comparator.comparingInt(b -> b.rows.size())).ifPresent(this::flush);
    }

    /** Sends everything, ends the worker's COPY and waits until the worker accepted every row (uncommitted). */
    void endAndAwait() {
        try {
            buffers.values().forEach(this::flush);
            if (stream != null) {
                stream.endCopy();
                stream.awaitEnded();
            }
        } catch (WorkerTaskException e) {
            throw translate(e);
        }
    }

    /** Commits the worker's transaction. */
    void commit() {
        if (stream != null) {
            try {
                stream.finish();
            } catch (WorkerTaskException e) {
                throw translate(e);
            }
        }
    }

    /** Rolls the worker's transaction back (nothing of this COPY stays there). */
    void abort(String reason) {
        if (stream != null) {
            stream.abort(reason);
        }
    }

    private void flush(ShardBuffer buffer) {
        if (buffer.rows.size() == 0) {
            return;
        }
        try {
            if (stream == null) {
                stream = client.copyIn(buffer.copyStatement, transactionId.get(), identity);
                segments.add(new Segment());
            } else if (!segments.isEmpty() && !segments.get(segments.size() - 1).copyStatement.equals(buffer.copyStatement)) {
                stream.startCopy(buffer.copyStatement);
                segments.add(new Segment());
            }
            Segment segment = segments.get(segments.size() - 1);
            segment.copyStatement = buffer.copyStatement;
            segment.addLines(buffer.lines, buffer.lineCount);
            byte[] data = buffer.rows.toByteArray();
            for (int offset = 0; offset < data.length; offset += CHUNK_BYTES) {
                stream.write(data, offset, Math.min(CHUNK_BYTES, data.length - offset));
            }
        } catch (WorkerTaskException e) {
            throw translate(e);
        }
        buffered -= buffer.rows.size();
        buffer.reset();
    }

    /** The worker's error with its CONTEXT's shard line turned into the client's table and line. */
    PgException translate(WorkerTaskException e) {
        String where = e.error().where();
        int ordinal = stream == null ? 0 : stream.failedStatement().orElse(0);
        Matcher m = where == null ? null : LINE.matcher(where);
        if (m != null && m.matches() && ordinal > 0 && ordinal <= segments.size()) {
            int shardLine = Integer.parseInt(m.group(1));
            Segment segment = segments.get(ordinal - 1);
            if (shardLine >= 1 && shardLine <= segment.lineCount) {
                where = "COPY " + table + ", line " + segment.lines[shardLine - 1] + m.group(2);
            }
        }
        // shard names become the table's, as in "permission denied for table t"
        StringBuilder statements = new StringBuilder();
        segments.forEach(segment -> statements.append(segment.copyStatement).append('\n'));
        buffers.keySet().forEach(statement -> statements.append(statement).append('\n'));
        ShardNameRestorer names = ShardNameRestorer.forTask(statements.toString());
        return new PgException(new PgError("ERROR", e.sqlState(), names.inText(e.pgMessage()),
                names.inText(blankToNull(e.detail())), blankToNull(e.hint()), 0, blankToNull(where), null, null,
                null, null, null));
    }

    private static String blankToNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }

    /** Rows waiting for one shard placement on this worker, with their client line numbers. */
    private static final class ShardBuffer {
        private final String copyStatement;
        private final ByteArrayOutputStream rows = new ByteArrayOutputStream();
        private int[] lines = new int[256];
        private int lineCount;

        ShardBuffer(String copyStatement) {
            this.copyStatement = copyStatement;
        }

        void add(byte[] row, int line) {
            rows.writeBytes(row);
            if (lineCount == lines.length) {
                lines = Arrays.copyOf(lines, lineCount * 2);
            }
            lines[lineCount++] = line;
        }

        void reset() {
            rows.reset();
            lineCount = 0;
        }
    }

    /**
     * The client lines of the rows one COPY statement on the worker received, in order. Kept until
     * the worker commits (4 bytes a row), because a worker may report a failure at any of them.
     */
    private static final class Segment {
        private String copyStatement;
        private int[] lines = new int[0];
        private int lineCount;

        void addLines(int[] more, int count) {
            if (lineCount + count > lines.length) {
                lines = Arrays.copyOf(lines, Math.max(lineCount + count, lines.length * 2));
            }
            System.arraycopy(more, 0, lines, lineCount, count);
            lineCount += count;
        }
    }
}
