package io.distgres.coordinator.worker;

import io.distgres.coordinator.error.PgError;
import io.distgres.proto.worker.v1.Notice;
import io.distgres.sqlstate.SqlState;

/**
 * A worker's NOTICE or WARNING as the client must see it: severity, SQLSTATE, message, detail,
 * hint and context as the worker's PostgreSQL raised them, shard names turned back into table
 * names (as in {@link WorkerTaskFailure}).
 */
final class TaskNotice {
    private TaskNotice() {
    }

    static PgError of(Notice notice, String taskSql) {
        ShardNameRestorer names = ShardNameRestorer.forTask(taskSql);
        String sqlState = notice.getSqlState().isEmpty() ? SqlState.SUCCESSFUL_COMPLETION : notice.getSqlState();
        return new PgError(notice.getSeverity().isEmpty() ? "NOTICE" : notice.getSeverity(), sqlState,
                names.inText(notice.getMessage()), names.inText(blankToNull(notice.getDetail())),
                names.inText(blankToNull(notice.getHint())), 0, names.inText(blankToNull(notice.getWhere())), null,
                null, null, null, null);
    }

    private static String blankToNull(String text) {
        return text.isEmpty() ? null : text;
    }
}
