package io.distgres.coordinator.regress;

import io.distgres.coordinator.regress.StatementOutcome.Column;
import io.distgres.coordinator.regress.StatementOutcome.Failure;
import io.distgres.coordinator.regress.StatementOutcome.Rows;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.jdbc.PgResultSet;

/** Runs one corpus statement on a pgjdbc connection and captures its outcome as text. */
final class StatementRunner {
    private StatementRunner() {
    }

    static StatementOutcome run(Connection connection, String sql, int timeoutSeconds) {
        try (Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(timeoutSeconds);
            if (!statement.execute(sql)) {
                return new Rows(List.of(), List.of(), statement.getUpdateCount());
            }
            try (ResultSet rs = statement.getResultSet()) {
                return rows(rs);
            }
        } catch (SQLException e) {
            return new Failure(e.getSQLState(), e.getMessage());
        }
    }

    private static Rows rows(ResultSet rs) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        PgResultSet pg = rs.unwrap(PgResultSet.class);
        int count = meta.getColumnCount();
        List<Column> columns = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            columns.add(new Column(meta.getColumnLabel(i), pg.getColumnOID(i)));
        }
        List<List<String>> rows = new ArrayList<>();
        while (rs.next()) {
            List<String> row = new ArrayList<>(count);
            for (int i = 1; i <= count; i++) {
                row.add(rs.getString(i));
            }
            rows.add(row);
        }
        return new Rows(List.copyOf(columns), rows, rows.size());
    }
}
