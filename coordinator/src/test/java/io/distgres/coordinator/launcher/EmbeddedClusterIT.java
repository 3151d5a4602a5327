package io.distgres.coordinator.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.distgres.coordinator.config.ConfigKey;
import io.distgres.coordinator.config.ConfigLoader;
import io.distgres.coordinator.config.EmbeddedClusterConfig;
import io.distgres.coordinator.testing.PostgresProcesses;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The PostgreSQL layer of the embedded cluster: settings, recorded ports, persistence, clean stop. */
class EmbeddedClusterIT {
    private final List<String> progress = new ArrayList<>();
    private final Consumer<String> sink = line -> {
        synchronized (progress) {
            progress.add(line);
        }
    };

    @TempDir
    Path dataDirectory;

    @Test
    void serversRunOnTheRecordedPortsWithTheClusterSettings() throws Exception {
        try (EmbeddedPostgresServers servers = new EmbeddedPostgresServers(dataDirectory, 2, true, sink)) {
            servers.start();

            ClusterLayout layout = ClusterLayout.read(dataDirectory).orElseThrow();
            assertThat(layout.coordinatorPostgres().port()).isEqualTo(servers.coordinator().port());
            assertThat(layout.coordinatorPostgres().dataDirectory()).isEqualTo(dataDirectory.resolve("coordinator"));
            assertThat(layout.workers()).extracting(w -> w.postgres().port())
                    .containsExactly(servers.workers().get(0).port(), servers.workers().get(1).port());
            assertThat(servers.workers()).extracting(EmbeddedPostgresServer::name).containsExactly("worker-1", "worker-2");

            for (EmbeddedPostgresServer server : allOf(servers)) {
                try (Connection c = DriverManager.getConnection(server.jdbcUrlWithUser())) {
                    assertThat(show(c, "max_prepared_transactions")).isEqualTo("64");
                    assertThat(show(c, "wal_level")).isEqualTo("logical");
                    assertThat(Integer.parseInt(show(c, "max_connections"))).isGreaterThanOrEqualTo(200);
                    assertThat(show(c, "fsync")).isEqualTo("on");
                    assertThat(show(c, "synchronous_commit")).isEqualTo("on");
                    assertThat(show(c, "listen_addresses")).isEqualTo("127.0.0.1");
                    assertThat(query(c, "SELECT datcollate || '/' || datctype || '/' || pg_encoding_to_char(encoding) "
                            + "FROM pg_database WHERE datname = current_database()")).isEqualTo("C.UTF-8/C.UTF-8/UTF8");
                    assertThat(query(c, "SELECT current_setting('server_version_num')")).startsWith("17");
                }
            }
            assertThat(progress).anyMatch(line -> line.startsWith("starting coordinator PostgreSQL on 127.0.0.1:"));
        }
    }

    @Test
    void rowsSurviveStopAndStartAndStopLeavesNoPostgresProcess() throws Exception {
        List<Integer> ports;
        List<Long> pids;
        try (EmbeddedPostgresServers servers = new EmbeddedPostgresServers(dataDirectory, 2, true, sink)) {
            servers.start();
            execute(servers.coordinator().jdbcUrlWithUser(),
                    "CREATE TABLE kept (id int PRIMARY KEY, note text)",
                    "INSERT INTO kept SELECT g, 'row ' || g FROM generate_series(1, 100) g");
            execute(servers.workers().get(1).jdbcUrlWithUser(), "CREATE TABLE on_worker AS SELECT 42 AS answer");
            ports = allOf(servers).stream().map(EmbeddedPostgresServer::port).toList();
            pids = PostgresProcesses.postmasterPids(dataDirectory);
            assertThat(pids).hasSize(3);
            assertThat(PostgresProcesses.runningUnder(dataDirectory)).hasSize(3);
        }

        // close() has returned: it waits for the postmasters, so no polling should be needed here
        assertThat(PostgresProcesses.allExited(pids, Duration.ZERO)).as("postmasters exited").isTrue();
        assertThat(PostgresProcesses.runningUnder(dataDirectory)).isEmpty();
        assertThat(PostgresProcesses.postmasterPids(dataDirectory)).isEmpty();

        try (EmbeddedPostgresServers servers = new EmbeddedPostgresServers(dataDirectory, 2, true, sink)) {
            servers.start();
            assertThat(allOf(servers).stream().map(EmbeddedPostgresServer::port).toList())
                    .as("a restart prefers the recorded ports").isEqualTo(ports);
            try (Connection c = DriverManager.getConnection(servers.coordinator().jdbcUrlWithUser())) {
                assertThat(query(c, "SELECT count(*) || ':' || max(note) FROM kept")).isEqualTo("100:row 99");
            }
            try (Connection c = DriverManager.getConnection(servers.workers().get(1).jdbcUrlWithUser())) {
                assertThat(query(c, "SELECT answer FROM on_worker")).isEqualTo("42");
            }
        }
        assertThat(PostgresProcesses.runningUnder(dataDirectory)).isEmpty();
    }

    @Test
    void aSecondClusterOnTheSameDataDirectoryIsRefused() throws Exception {
        try (EmbeddedPostgresServers servers = new EmbeddedPostgresServers(dataDirectory, 1, false, sink)) {
            servers.start();
            EmbeddedPostgresServers second = new EmbeddedPostgresServers(dataDirectory, 1, false, sink);
            assertThatThrownBy(second::start).isInstanceOf(IOException.class).hasMessageContaining("is in use by another distgres process");
            try (Connection c = DriverManager.getConnection(servers.coordinator().jdbcUrlWithUser())) {
                assertThat(query(c, "SELECT 1")).as("the first cluster still serves").isEqualTo("1");
            }
        }
    }

    @Test
    void startingWithFewerWorkersThanRecordedIsRefusedAndStartsNothing() throws Exception {
        try (EmbeddedPostgresServers servers = new EmbeddedPostgresServers(dataDirectory, 2, false, sink)) {
            servers.start();
        }
        EmbeddedPostgresServers fewer = new EmbeddedPostgresServers(dataDirectory, 1, false, sink);
        assertThatThrownBy(fewer::start).hasMessageContaining("holds 2 workers; start it with --workers 2");
        assertThat(PostgresProcesses.runningUnder(dataDirectory)).isEmpty();
        assertThat(Files.exists(dataDirectory.resolve("worker-2"))).isTrue();
    }

    @Test
    void aTakenFrontDoorPortFailsBeforeAnyPostgresStarts() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            EmbeddedClusterConfig config = new ConfigLoader(Map.of(), "(none)", Map.of(), Map.of(
                    ConfigKey.DATA_DIR, dataDirectory.toString(),
                    ConfigKey.PORT, Integer.toString(taken.getLocalPort()))).embeddedClusterConfig();
            EmbeddedCluster cluster = new EmbeddedCluster(config, sink);

            assertThatThrownBy(cluster::start).hasMessage("port " + taken.getLocalPort() + " on 127.0.0.1 is in use by another process");
            assertThat(PostgresProcesses.runningUnder(dataDirectory)).isEmpty();
        }
    }

    private static List<EmbeddedPostgresServer> allOf(EmbeddedPostgresServers servers) {
        List<EmbeddedPostgresServer> all = new ArrayList<>();
        all.add(servers.coordinator());
        all.addAll(servers.workers());
        return all;
    }

    private static void execute(String url, String... statements) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    private static String show(Connection c, String setting) throws SQLException {
        return query(c, "SHOW " + setting);
    }

    private static String query(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }
}
