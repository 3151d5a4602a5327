package io.distgres.coordinator.worker;

import static java.util.Objects.requireNonNull;

import io.distgres.coordinator.error.PgError;
import io.distgres.coordinator.error.PgException;

/**
 * A worker's PostgreSQL error as the client must see it: SQLSTATE, message, detail, hint,
 * context and object names as PostgreSQL raised them, with shard names turned back into table
 * names. Its position is relative to the task's SQL, so the error carries none until
 * {@link #inStatement} places it in the client's statement.
 */
public final class WorkerTaskFailure extends PgException {
    private final String taskSql;
    private final int taskPosition;

    private WorkerTaskFailure(PgError error, String taskSql, int taskPosition) {
        super(error);
        this.taskSql = requireNonNull(taskSql, "taskSql is null");
        this.taskPosition = taskPosition;
    }

    /** The failure of the task that ran {@code taskSql}. */
    public static WorkerTaskFailure of(WorkerTaskException e, String taskSql) {
        ShardNameRestorer names = ShardNameRestorer.forTask(taskSql);
        var worker = e.error();
        var objects = worker.objects();
        PgError error = new PgError("ERROR", e.sqlState(), names.inText(e.pgMessage()),
                names.inText(blankToNull(e.detail())), names.inText(blankToNull(e.hint())), 0,
                names.inText(blankToNull(worker.where())), blankToNull(objects.schema()),
                names.inName(blankToNull(objects.table())), blankToNull(objects.column()),
                blankToNull(objects.dataType()), names.inName(blankToNull(objects.constraint())));
        return new WorkerTaskFailure(error, taskSql, e.position());
    }

    /** The error with its position moved into {@code statementSql}, or without one where it cannot be placed. */
    public PgException inStatement(String statementSql) {
        int position = TaskSqlPositions.userPosition(statementSql, taskSql, taskPosition);
        return new PgException(error().withPosition(position));
    }

    public String taskSql() {
        return taskSql;
    }

    private static String blankToNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }
}
