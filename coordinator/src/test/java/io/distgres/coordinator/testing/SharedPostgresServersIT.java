package io.distgres.coordinator.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.distgres.coordinator.launcher.EmbeddedPostgresServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What one test class leaves on the shared servers is gone for the next, or the next gets new servers. */
class SharedPostgresServersIT {
    private final List<String> progress = Collections.synchronizedList(new ArrayList<>());
    private final SharedPostgresServers shared = new SharedPostgresServers(1,
            Optional.of(EmbeddedClusterExtension.template()), progress::add);

    @AfterEach
    void stopServers() {
        shared.close();
    }

    @Test
    void tablesDatabasesRolesAndOpenSessionsOfOneClassAreGoneForTheNext() throws Exception {
        SharedPostgresServers.Servers first = shared.take();
        String worker = first.postgres().workers().get(0).jdbcUrlWithUser();
        String coordinator = first.postgres().coordinator().jdbcUrlWithUser();
        execute(worker, "CREATE TABLE left_over (id int)", "CREATE ROLE left_role LOGIN", "CREATE ROLE \"odd role\"",
                "CREATE DATABASE left_database", "ALTER DATABASE postgres SET work_mem = '7MB'");
        execute(coordinator, "CREATE SCHEMA left_schema", "CREATE TABLE left_schema.t (id int)",
                "GRANT USAGE ON SCHEMA left_schema TO public");
        Connection open = DriverManager.getConnection(worker); // a session the class forgot to close
        try {
            shared.giveBack(first, "FirstIT");

            SharedPostgresServers.Servers second = shared.take();
            assertThat(second).as("the same servers, reset").isSameAs(first);
            assertThat(query(worker, "SELECT count(*) FROM pg_class WHERE relname = 'left_over'")).isEqualTo("0");
            assertThat(query(worker, "SELECT count(*) FROM pg_roles WHERE rolname IN ('left_role', 'odd role')"))
                    .isEqualTo("0");
            assertThat(query(worker, "SELECT count(*) FROM pg_database WHERE datname = 'left_database'")).isEqualTo("0");
            assertThat(query(worker, "SHOW work_mem")).isEqualTo("4MB");
            assertThat(query(coordinator, "SELECT count(*) FROM pg_namespace WHERE nspname = 'left_schema'")).isEqualTo("0");
            assertThat(open.isValid(2)).as("the forgotten session was ended").isFalse();
            shared.giveBack(second, "SecondIT");
        } finally {
            open.close();
        }
        assertThat(progress).noneMatch(line -> line.startsWith("stopping the shared PostgreSQL servers"));
    }

    @Test
    void aPreparedTransactionOrAKilledServerRetiresTheServers() throws Exception {
        SharedPostgresServers.Servers first = shared.take();
        execute(first.postgres().workers().get(0).jdbcUrlWithUser(),
                "BEGIN", "CREATE TABLE in_doubt (id int)", "PREPARE TRANSACTION 'in_doubt'");
        shared.giveBack(first, "FirstIT");

        SharedPostgresServers.Servers second = shared.take();
        assertThat(second).isNotSameAs(first);
        assertThat(first.postgres().workers()).as("stopped").isEmpty();
        assertThat(query(second.postgres().workers().get(0).jdbcUrlWithUser(), "SELECT count(*) FROM pg_prepared_xacts"))
                .isEqualTo("0");
        EmbeddedPostgresServer worker = second.postgres().workers().get(0);
        ProcessHandle.of(worker.postmasterPid()).orElseThrow().destroyForcibly();
        assertThat(PostgresProcesses.allExited(List.of(worker.postmasterPid()), Duration.ofSeconds(30))).isTrue();
        shared.giveBack(second, "KillerIT");

        SharedPostgresServers.Servers third = shared.take();
        assertThat(third).isNotSameAs(second);
        shared.giveBack(third, "ThirdIT");
        assertThat(progress).anyMatch(line -> line.contains("after FirstIT") && line.contains("prepared"))
                .anyMatch(line -> line.contains("after KillerIT") && line.contains("not running"));
    }

    private static void execute(String url, String... statements) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    private static String query(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }
}
