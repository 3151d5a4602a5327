package io.distgres.coordinator.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.distgres.coordinator.launcher.EmbeddedPostgresServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The extension's PostgreSQL-only mode, which works before the coordinator and agents are merged.
 * The full mode ({@link EmbeddedClusterExtension#cluster()}) runs the same start-up code as
 * {@code distgres start}, covered by LauncherProcessIT.
 */
class EmbeddedClusterExtensionIT {
    @RegisterExtension
    static EmbeddedClusterExtension cluster = EmbeddedClusterExtension.postgresOnly();

    @Test
    void exposesDirectUrlsOfEveryPostgres() throws Exception {
        assertThat(cluster.coordinatorPostgresJdbcUrl()).matches("jdbc:postgresql://127\\.0\\.0\\.1:\\d+/postgres\\?user=postgres");
        assertThat(cluster.workerPostgresJdbcUrls()).hasSize(2).doesNotContain(cluster.coordinatorPostgresJdbcUrl());
        for (String url : cluster.workerPostgresJdbcUrls()) {
            try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT inet_server_port()")) {
                assertThat(rs.next()).isTrue();
                assertThat(url).contains(":" + rs.getInt(1) + "/");
            }
        }
    }

    @Test
    void injectsTheServersAndRefusesCoordinatorAccessors(EmbeddedPostgresServers servers) {
        assertThat(servers.workers()).hasSize(2);
        assertThat(servers.dataDirectory()).isEqualTo(cluster.dataDirectory().toAbsolutePath().normalize());
        assertThatThrownBy(cluster::jdbcUrl).hasMessageContaining("postgresOnly");
    }
}
