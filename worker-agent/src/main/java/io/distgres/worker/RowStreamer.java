package io.distgres.worker;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.UnsafeByteOperations;
import io.distgres.proto.worker.v1.Cell;
import io.distgres.proto.worker.v1.Column;
import io.distgres.proto.worker.v1.Columns;
import io.distgres.proto.worker.v1.Completion;
import io.distgres.proto.worker.v1.ExecuteResponse;
import io.distgres.proto.worker.v1.Row;
import io.distgres.proto.worker.v1.Result;
import io.distgres.proto.worker.v1.RowBatch;
import io.distgres.proto.worker.v1.TaskStatementKind;
import io.distgres.sqlstate.SqlState;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.util.List;
import org.postgresql.core.Field;
import org.postgresql.core.Query;
import org.postgresql.core.ResultCursor;
import org.postgresql.core.ResultHandlerBase;
import org.postgresql.core.Tuple;

/**
 * pgjdbc result handler that turns what PostgreSQL sends into Columns, RowBatches and the
 * command tag, sending batches as they arrive.
 *
 * <p>It works at pgjdbc's protocol level rather than through {@code ResultSet} because only
 * there are the raw text bytes, the exact type OIDs and the command tag ({@code INSERT 0 1},
 * {@code CREATE TABLE}) available.
 */
final class RowStreamer extends ResultHandlerBase {
    /** Bound on one RowBatch so wide rows stay under gRPC message limits. */
    static final int MAX_BATCH_BYTES = 1 << 20;
    private static final Cell NULL_CELL = Cell.newBuilder().setIsNull(true).build();

    private final ResponseStream stream;
    private final int batchRows;
    /** While true, columns and rows are held back to go out with the completion in one Result. */
    private boolean holding;
    private Columns heldColumns;
    private RowBatch.Builder heldRows;
    private int heldBytes;
    private boolean columnsSent;
    private long rowsStreamed;
    private String commandTag;
    private long rowsAffected;
    private ResultCursor cursor;
    private boolean stopped;

    RowStreamer(ResponseStream stream, int batchRows) {
        this(stream, batchRows, false);
    }

    /**
     * @param holdSmallResult send a result smaller than {@link #MAX_BATCH_BYTES} as one
     *                        {@code Result} message with its completion, streaming only bigger ones
     */
    RowStreamer(ResponseStream stream, int batchRows, boolean holdSmallResult) {
        this.stream = requireNonNull(stream, "stream is null");
        this.batchRows = batchRows;
        this.holding = holdSmallResult;
    }

    @Override
    public void handleResultRows(Query fromQuery, Field[] fields, List<Tuple> tuples, ResultCursor cursor) {
        this.cursor = cursor;
        if (stopped) {
            return;
        }
        try {
            if (!columnsSent && fields != null && fields.length > 0) {
                sendColumns(fields);
            }
            sendRows(tuples);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = true;
            handleError(new SQLException("canceling statement: worker interrupted", SqlState.QUERY_CANCELED));
        }
    }

    @Override
    public void handleCommandStatus(String status, long updateCount, long insertOID) {
        commandTag = status;
        rowsAffected = Math.max(updateCount, 0);
    }

    /** A notice PostgreSQL raised (RAISE NOTICE, "table does not exist, skipping"): relayed at once, in order. */
    @Override
    public void handleWarning(SQLWarning warning) {
        if (stopped) {
            return;
        }
        try {
            send(ExecuteResponse.newBuilder().setNotice(TaskNotices.of(warning)).build());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = true;
            handleError(new SQLException("canceling statement: worker interrupted", SqlState.QUERY_CANCELED));
        }
    }

    /** The portal to fetch more rows from, if PostgreSQL suspended it; cleared once taken. */
    ResultCursor takeCursor() {
        ResultCursor taken = cursor;
        cursor = null;
        return taken;
    }

    long rowsStreamed() {
        return rowsStreamed;
    }

    boolean stopped() {
        return stopped || stream.isCancelled();
    }

    /**
     * The completion for the statement. pgjdbc drops the command tag of a portal fetched in
     * several rounds, so it is rebuilt from the statement kind and the rows streamed.
     */
    Completion completion(boolean fetchedInRounds, TaskStatementKind kind) {
        if (commandTag == null || fetchedInRounds) {
            String tag = switch (kind) {
                case TASK_STATEMENT_KIND_INSERT -> "INSERT 0 " + rowsStreamed;
                case TASK_STATEMENT_KIND_UPDATE -> "UPDATE " + rowsStreamed;
                case TASK_STATEMENT_KIND_DELETE -> "DELETE " + rowsStreamed;
                case TASK_STATEMENT_KIND_MERGE -> "MERGE " + rowsStreamed;
                default -> "SELECT " + rowsStreamed;
            };
            return Completion.newBuilder().setCommandTag(tag).setRowsAffected(rowsStreamed).build();
        }
        return Completion.newBuilder().setCommandTag(commandTag).setRowsAffected(rowsAffected).build();
    }

    /**
     * Ends the result: the held result as one {@code Result} message, or else the empty column
     * list of a statement without rows (if no columns went out) and the completion.
     */
    void finish(Completion completion) throws InterruptedException {
        if (holding) {
            Result.Builder result = Result.newBuilder()
                    .setColumns(heldColumns == null ? Columns.getDefaultInstance() : heldColumns)
                    .setCompletion(completion);
            if (heldRows != null) {
                result.setRows(heldRows);
            }
            columnsSent = true;
            send(ExecuteResponse.newBuilder().setResult(result).build());
            return;
        }
        sendColumnsIfNone();
        send(ExecuteResponse.newBuilder().setCompletion(completion).build());
    }

    /** A statement without rows (DDL, DML without RETURNING) still announces its empty column list. */
    void sendColumnsIfNone() throws InterruptedException {
        if (!columnsSent) {
            columnsSent = true;
            stream.send(ExecuteResponse.newBuilder().setColumns(Columns.getDefaultInstance()).build());
        }
    }

    private void sendColumns(Field[] fields) throws InterruptedException {
        Columns.Builder columns = Columns.newBuilder();
        for (Field field : fields) {
            columns.addColumns(Column.newBuilder()
                    .setName(field.getColumnLabel())
                    .setTypeOid(field.getOID())
                    .setTypeModifier(field.getMod())
                    .setTypeSize(field.getLength()));
        }
        columnsSent = true;
        if (holding) {
            heldColumns = columns.build();
            return;
        }
        send(ExecuteResponse.newBuilder().setColumns(columns).build());
    }

    private void sendRows(List<Tuple> tuples) throws InterruptedException {
        if (tuples == null || tuples.isEmpty()) {
            return;
        }
        if (holding && !hold(tuples)) {
            return;
        }
        RowBatch.Builder batch = RowBatch.newBuilder();
        int bytes = 0;
        for (Tuple tuple : tuples) {
            batch.addRows(row(tuple));
            bytes += textBytes(tuple);
            rowsStreamed++;
            if (batch.getRowsCount() >= batchRows || bytes >= MAX_BATCH_BYTES) {
                if (!send(ExecuteResponse.newBuilder().setRows(batch).build())) {
                    return;
                }
                batch = RowBatch.newBuilder();
                bytes = 0;
            }
        }
        if (batch.getRowsCount() > 0) {
            send(ExecuteResponse.newBuilder().setRows(batch).build());
        }
    }

    /**
     * Adds {@code tuples} to the held result; true when it grew too big to hold, in which case
     * what was held has been sent and the tuples still have to be streamed.
     */
    private boolean hold(List<Tuple> tuples) throws InterruptedException {
        int bytes = 0;
        for (Tuple tuple : tuples) {
            bytes += textBytes(tuple);
        }
        if (heldBytes + bytes < MAX_BATCH_BYTES) {
            heldBytes += bytes;
            if (heldRows == null) {
                heldRows = RowBatch.newBuilder();
            }
            for (Tuple tuple : tuples) {
                heldRows.addRows(row(tuple));
                rowsStreamed++;
            }
            return false;
        }
        holding = false;
        if (heldColumns != null) {
            send(ExecuteResponse.newBuilder().setColumns(heldColumns).build());
        }
        if (heldRows != null) {
            send(ExecuteResponse.newBuilder().setRows(heldRows).build());
        }
        heldRows = null;
        return true;
    }

    private static int textBytes(Tuple tuple) {
        int bytes = 0;
        for (int i = 0; i < tuple.fieldCount(); i++) {
            byte[] text = tuple.get(i);
            bytes += text == null ? 0 : text.length;
        }
        return bytes;
    }

    private static Row.Builder row(Tuple tuple) {
        Row.Builder row = Row.newBuilder();
        for (int i = 0; i < tuple.fieldCount(); i++) {
            byte[] text = tuple.get(i);
            // pgjdbc allocates a fresh array per cell and never touches it again
            row.addCells(text == null ? NULL_CELL : Cell.newBuilder().setText(UnsafeByteOperations.unsafeWrap(text)).build());
        }
        return row;
    }

    private boolean send(ExecuteResponse response) throws InterruptedException {
        if (!stream.send(response)) {
            stopped = true;
            return false;
        }
        return true;
    }
}
