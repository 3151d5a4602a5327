package io.distgres.coordinator.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

/** Waits, by polling pg_stat_activity on a PostgreSQL server, until a statement is running there. */
public final class ActiveQueries {
    private ActiveQueries() {
    }

    /** Returns once another session runs a query containing {@code fragment}; fails after {@code timeout}. */
    public static void awaitActive(String jdbcUrl, String fragment, Duration timeout) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Connection direct = DriverManager.getConnection(jdbcUrl);
                PreparedStatement ps = direct.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE state = 'active' "
                        + "AND strpos(query, ?) > 0 AND pid <> pg_backend_pid()")) {
            ps.setString(1, fragment);
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getLong(1) > 0) {
                        return;
                    }
                }
                Thread.sleep(20);
            }
        }
        throw new AssertionError("no active query containing \"" + fragment + "\" within " + timeout);
    }
}
