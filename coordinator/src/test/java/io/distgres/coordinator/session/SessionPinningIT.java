package io.distgres.coordinator.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.distgres.coordinator.config.ConfigKey;
import io.distgres.coordinator.testing.EmbeddedClusterExtension;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * State a client leaves in its backend session — temporary tables, LISTEN, session advisory
 * locks, WITH HOLD cursors — stays with that client for its later statements and never reaches
 * another client. The coordinator pool holds two connections, so clients share them.
 */
class SessionPinningIT {
    @RegisterExtension
    static EmbeddedClusterExtension cluster = EmbeddedClusterExtension.cluster().withSetting(ConfigKey.POOL_SIZE, "2");

    private static final Duration DEADLINE = Duration.ofSeconds(20);

    @Test
    void temporaryTableStaysWithItsClientAndLeavesWithIt() throws Exception {
        try (Connection a = connect(); Connection b = connect()) {
            execute(a, "CREATE TEMP TABLE trace (id int)");
            execute(a, "INSERT INTO trace VALUES (1)");
            for (int i = 0; i < 3; i++) {
                SQLException e = catchThrowableOfType(SQLException.class, () -> value(b, "SELECT count(*) FROM trace"));
                assertThat((Object) e).as("another client never sees it").isNotNull();
                assertThat(e.getSQLState()).isEqualTo("42P01");
            }
            execute(b, "CREATE TEMP TABLE trace (id int)");
            execute(a, "INSERT INTO trace VALUES (2)");
            assertThat(value(a, "SELECT count(*) FROM trace")).isEqualTo("2");
            assertThat(value(b, "SELECT count(*) FROM trace")).isEqualTo("0");
        }
        assertEveryPooledConnectionIsClean();
    }

    @Test
    void sessionAdvisoryLockIsHeldUntilReleasedOrTheClientLeaves() throws Exception {
        try (Connection b = connect()) {
            try (Connection a = connect()) {
                assertThat(value(a, "SELECT pg_advisory_lock(4711)::text")).isEqualTo("");
                // b's transaction holds the other pooled connection, so a statement of a not pinned would get it
                b.setAutoCommit(false);
                assertThat(value(b, "SELECT pg_try_advisory_lock(4711)")).isEqualTo("f");
                assertThat(value(a, "SELECT pg_advisory_unlock(4711)")).as("unlocked by its own session").isEqualTo("t");
                assertThat(value(b, "SELECT pg_try_advisory_lock(4711)")).isEqualTo("t");
                assertThat(value(b, "SELECT pg_advisory_unlock(4711)")).isEqualTo("t");
                b.commit();
                b.setAutoCommit(true);
                assertThat(value(a, "SELECT pg_advisory_lock(4711)::text")).isEqualTo("");
            }
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (!value(b, "SELECT pg_try_advisory_lock(4711)").equals("t")) {
                assertThat(System.nanoTime()).as("the lock is released once its client left").isLessThan(deadline);
            }
            execute(b, "SELECT pg_advisory_unlock_all()");
        }
        assertEveryPooledConnectionIsClean();
    }

    @Test
    void withHoldCursorOutlivesItsTransactionForItsClient() throws Exception {
        try (Connection a = connect(); Connection b = connect()) {
            execute(a, "DECLARE numbers CURSOR WITH HOLD FOR SELECT g FROM generate_series(1, 5) g");
            b.setAutoCommit(false);
            assertThat(value(b, "SELECT 'b holds a connection'")).isNotEmpty();
            assertThat(column(a, "FETCH 2 FROM numbers")).containsExactly("1", "2");
            assertThat(column(a, "FETCH 2 FROM numbers")).containsExactly("3", "4");
            b.commit();
        }
        assertEveryPooledConnectionIsClean();
    }

    @Test
    void listeningClientGetsItsNotificationsWithItsNextStatement() throws Exception {
        try (Connection a = connect(); Connection b = connect()) {
            execute(a, "LISTEN jobs");
            b.setAutoCommit(false);
            execute(b, "NOTIFY jobs, 'first'");
            b.commit();
            b.setAutoCommit(true);
            execute(b, "SELECT pg_notify('jobs', 'second')");
            execute(a, "SELECT 1");
            List<String> payloads = new ArrayList<>();
            for (PGNotification n : a.unwrap(PGConnection.class).getNotifications()) {
                assertThat(n.getName()).isEqualTo("jobs");
                payloads.add(n.getParameter());
            }
            assertThat(payloads).containsExactly("first", "second");
        }
        assertEveryPooledConnectionIsClean();
    }

    /**
     * Two fresh clients pin both pooled connections (each creates a temporary table) and find no
     * state of earlier clients on either: no temporary table, channel, advisory lock or cursor.
     */
    private static void assertEveryPooledConnectionIsClean() throws SQLException {
        try (Connection c = connect(); Connection d = connect()) {
            for (Connection probe : List.of(c, d)) {
                execute(probe, "CREATE TEMP TABLE trace (id int)");
                assertThat(value(probe, "SELECT count(*) FROM pg_listening_channels()")).isEqualTo("0");
                assertThat(value(probe, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"
                        + " AND pid = pg_backend_pid()")).isEqualTo("0");
                assertThat(value(probe, "SELECT count(*) FROM pg_cursors WHERE name <> ''")).isEqualTo("0");
            }
            assertThat(value(c, "SELECT pg_backend_pid()")).as("one connection each")
                    .isNotEqualTo(value(d, "SELECT pg_backend_pid()"));
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(cluster.jdbcUrl());
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static String value(Connection c, String sql) throws SQLException {
        List<String> values = column(c, sql);
        assertThat(values).as(sql).hasSize(1);
        return values.get(0);
    }

    private static List<String> column(Connection c, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}
