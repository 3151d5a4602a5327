package io.distgres.worker;

import io.distgres.proto.worker.v1.Notice;
import io.distgres.sqlstate.SqlState;
import java.sql.SQLWarning;
import org.postgresql.util.PSQLWarning;
import org.postgresql.util.ServerErrorMessage;

/** Turns a notice pgjdbc received from the worker's PostgreSQL into the task response's {@link Notice}. */
final class TaskNotices {
    private TaskNotices() {
    }

    static Notice of(SQLWarning warning) {
        Notice.Builder notice = Notice.newBuilder();
        ServerErrorMessage server = warning instanceof PSQLWarning psql ? psql.getServerErrorMessage() : null;
        if (server == null) {
            // a warning pgjdbc made itself carries only a message
            return notice.setSeverity("WARNING").setSqlState(orEmpty(warning.getSQLState(), SqlState.WARNING))
                    .setMessage(orEmpty(warning.getMessage(), "")).build();
        }
        return notice.setSeverity(orEmpty(server.getSeverity(), "NOTICE"))
                .setSqlState(orEmpty(server.getSQLState(), SqlState.SUCCESSFUL_COMPLETION))
                .setMessage(orEmpty(server.getMessage(), ""))
                .setDetail(orEmpty(server.getDetail(), ""))
                .setHint(orEmpty(server.getHint(), ""))
                .setWhere(orEmpty(server.getWhere(), ""))
                .build();
    }

    private static String orEmpty(String value, String fallback) {
        return value == null ? fallback : value;
    }
}
