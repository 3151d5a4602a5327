package io.distgres.coordinator.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.util.PSQLException;

/** Runs statements on a fresh connection, and checks the SQLSTATE of one that must fail. */
public final class SqlStatements {
    private SqlStatements() {
    }

    /** Runs {@code statements} in order on one autocommit connection. */
    public static void execute(String jdbcUrl, String... statements) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    /** Asserts that {@code sql} fails with PostgreSQL error {@code sqlState}. */
    public static void assertSqlState(String jdbcUrl, String sql, String sqlState) {
        assertThatThrownBy(() -> execute(jdbcUrl, sql)).as(sql).isInstanceOfSatisfying(PSQLException.class,
                e -> assertThat(e.getSQLState()).isEqualTo(sqlState));
    }
}
