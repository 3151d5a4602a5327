package io.distgres.coordinator.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Runs one query on a fresh connection and returns its rows as text, for short assertions. */
public final class SqlRows {
    private SqlRows() {
    }

    /** The first column of every row, as PostgreSQL's text output. */
    public static List<String> column(String jdbcUrl, String sql) throws SQLException {
        return rows(jdbcUrl, sql).stream().map(row -> row.get(0)).toList();
    }

    /** Every row, each as its columns' text joined by {@code |} (psql's unaligned output). */
    public static List<String> joined(String jdbcUrl, String sql) throws SQLException {
        return rows(jdbcUrl, sql).stream().map(row -> String.join("|", row)).toList();
    }

    private static List<List<String>> rows(String jdbcUrl, String sql) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>(columns);
                for (int i = 1; i <= columns; i++) {
                    row.add(String.valueOf(rs.getString(i)));
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
