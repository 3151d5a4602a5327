package io.distgres.coordinator.backend;

import io.distgres.coordinator.pgwire.codec.ColumnDescriptor;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.core.Field;
import org.postgresql.core.Query;
import org.postgresql.core.ResultCursor;
import org.postgresql.core.ResultHandler;
import org.postgresql.core.Tuple;

/** Relays what pgjdbc's protocol layer receives from a backend into a {@link ResultSink}. */
final class RelayingResultHandler implements ResultHandler {
    private final ResultSink sink;
    private SQLException firstError;
    private List<ColumnDescriptor> columns;

    RelayingResultHandler(ResultSink sink) {
        this.sink = sink;
    }

    @Override
    public void handleResultRows(Query fromQuery, Field[] fields, List<Tuple> tuples, ResultCursor cursor) {
        if (fields != null) {
            columns = columnsOf(fields);
            sink.columns(columns);
        }
        if (tuples != null) {
            for (Tuple tuple : tuples) {
                int n = tuple.fieldCount();
                byte[][] cells = new byte[n][];
                for (int i = 0; i < n; i++) {
                    cells[i] = tuple.get(i);
                }
                sink.row(cells);
            }
        }
    }

    @Override
    public void handleCommandStatus(String status, long updateCount, long insertOID) {
        sink.complete(status);
    }

    @Override
    public void handleWarning(SQLWarning warning) {
        sink.notice(BackendErrors.toNotice(warning));
    }

    @Override
    public void handleError(SQLException error) {
        if (firstError == null) {
            firstError = error;
        } else {
            firstError.setNextException(error);
        }
    }

    @Override
    public void handleCompletion() throws SQLException {
        if (firstError != null) {
            throw firstError;
        }
    }

    @Override
    public void secureProgress() {
    }

    @Override
    public SQLException getException() {
        return firstError;
    }

    List<ColumnDescriptor> columns() {
        return columns;
    }

    static List<ColumnDescriptor> columnsOf(Field[] fields) {
        List<ColumnDescriptor> columns = new ArrayList<>(fields.length);
        for (Field f : fields) {
            columns.add(new ColumnDescriptor(f.getColumnLabel(), f.getTableOid(), (short) f.getPositionInTable(),
                    f.getOID(), f.getLength(), f.getMod()));
        }
        return columns;
    }
}
