package io.distgres.coordinator.execution;

import static java.util.Objects.requireNonNull;

import io.distgres.coordinator.backend.ResultSink;
import io.distgres.coordinator.backend.SessionIdentity;
import io.distgres.coordinator.error.PgException;
import io.distgres.coordinator.metadata.DistNode;
import io.distgres.coordinator.pgwire.codec.ColumnDescriptor;
import io.distgres.coordinator.worker.TaskListener;
import io.distgres.coordinator.worker.TaskRequest;
import io.distgres.coordinator.worker.WorkerClient;
import io.distgres.coordinator.worker.WorkerClients;
import io.distgres.coordinator.worker.WorkerTaskFailure;
import io.distgres.proto.worker.v1.Cell;
import io.distgres.proto.worker.v1.Column;
import io.distgres.proto.worker.v1.Row;
import io.distgres.sqlstate.SqlState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one place distributed statements start tasks on worker nodes. Every task of a client
 * statement goes through {@link #start}, so the session's transaction state is decided here and
 * nowhere else: outside a transaction block a task autocommits on any pooled worker connection;
 * inside one it joins the session's {@link io.distgres.coordinator.transaction.DistributedTransaction}
 * and runs on the connection pinned to that transaction on its node.
 */
public final class WorkerTasks {
    private final WorkerClients workers;

    public WorkerTasks(WorkerClients workers) {
        this.workers = requireNonNull(workers, "workers is null");
    }

    /**
     * Starts {@code request} on {@code node} for {@code session}; events arrive on {@code listener}.
     *
     * @param writes whether the task may modify rows (decides how a transaction must commit)
     */
    public WorkerClient.TaskCall start(SessionAccess session, DistNode node, TaskRequest request, boolean writes,
                                       TaskListener listener) {
        SessionIdentity identity = session.identity();
        TaskRequest timed = withStatementTimeout(request, session.statementTimeLeft()).withIdentity(identity);
        Map<String, String> settings = ForwardedSettings.of(session.settings());
        if (!settings.isEmpty()) {
            timed = timed.withSettings(settings);
        }
        RunningTasks.Tracked tracked = session.runningTasks().track(listener);
        if (!session.inTransactionBlock()) {
            return tracked.register(workers.forNode(node).execute(timed, tracked));
        }
        // inside a transaction block every task on a node runs on the transaction's pinned connection there
        String transactionId = session.transaction().enlist(node, writes, identity);
        return tracked.register(workers.forNode(node).execute(timed, transactionId, tracked));
    }

    /** The request with a deadline no later than the statement's timeout (the worker cancels it then: 57014). */
    private static TaskRequest withStatementTimeout(TaskRequest request, Duration left) {
        if (left == null || (request.timeout() != null && request.timeout().compareTo(left) <= 0)) {
            return request;
        }
        if (left.isZero() || left.isNegative()) {
            throw new PgException(SqlState.QUERY_CANCELED, "canceling statement due to statement timeout");
        }
        return new TaskRequest(request.sql(), request.parameters(), request.batchSize(), left, request.fetchAll(),
                request.settings(), request.identity());
    }

    /**
     * Runs one task to completion on the calling thread, relaying columns (when {@code sendColumns})
     * and rows to {@code sink} when it is not null; returns the task's command tag.
     */
    public String run(SessionAccess session, DistNode node, TaskRequest request, boolean writes,
                      boolean sendColumns, ResultSink sink) {
        TaskStream stream = new TaskStream();
        WorkerClient.TaskCall call = start(session, node, request, writes, stream);
        try {
            while (true) {
                TaskStream.Event event = stream.take();
                if (event instanceof TaskStream.Event.Columns columns) {
                    if (sendColumns && sink != null && !columns.columns().isEmpty()) {
                        sink.columns(descriptors(columns.columns()));
                    }
                } else if (event instanceof TaskStream.Event.Rows rows) {
                    if (sink != null) {
                        for (Row row : rows.batch().getRowsList()) {
                            sink.row(cells(row));
                        }
                    }
                } else if (event instanceof TaskStream.Event.Done done) {
                    return done.completion().getCommandTag();
                } else if (event instanceof TaskStream.Event.Failed failed) {
                    throw WorkerTaskFailure.of(failed.error(), request.sql());
                }
            }
        } catch (InterruptedException e) {
            call.cancel();
            Thread.currentThread().interrupt();
            throw new PgException(SqlState.QUERY_CANCELED, "canceling statement due to user request");
        } catch (RuntimeException e) {
            call.cancel();
            throw e;
        }
    }

    /** Worker column metadata as a RowDescription's fields. */
    public static List<ColumnDescriptor> descriptors(List<Column> columns) {
        List<ColumnDescriptor> out = new ArrayList<>(columns.size());
        for (Column c : columns) {
            out.add(new ColumnDescriptor(c.getName(), 0, (short) 0, c.getTypeOid(), (short) c.getTypeSize(),
                    c.getTypeModifier()));
        }
        return out;
    }

    /** One streamed row as text cells (null = SQL NULL). */
    public static byte[][] cells(Row row) {
        byte[][] cells = new byte[row.getCellsCount()][];
        for (int i = 0; i < cells.length; i++) {
            Cell cell = row.getCells(i);
            cells[i] = cell.getIsNull() ? null : cell.getText().toByteArray();
        }
        return cells;
    }
}
