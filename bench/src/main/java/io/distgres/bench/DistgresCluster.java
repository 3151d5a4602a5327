package io.distgres.bench;

import io.distgres.coordinator.config.ConfigKey;
import io.distgres.coordinator.config.ConfigLoader;
import io.distgres.coordinator.config.EmbeddedClusterConfig;
import io.distgres.coordinator.launcher.EmbeddedCluster;
import io.distgres.coordinator.launcher.EmbeddedPostgresServer;
import io.distgres.coordinator.launcher.LoopbackPorts;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The measured side: the launcher's embedded cluster (coordinator PostgreSQL, two workers with
 * agents, the coordinator) running inside this JVM, so its CPU time can be read here. Settings
 * are the launcher's defaults except free ports and fsync off (the direct side runs without fsync too).
 */
final class DistgresCluster implements AutoCloseable {
    private final EmbeddedCluster cluster;

    private DistgresCluster(EmbeddedCluster cluster) {
        this.cluster = cluster;
    }

    static DistgresCluster start(Path dataDirectory, Consumer<String> progress) throws Exception {
        String host = EmbeddedPostgresServer.HOST;
        Map<ConfigKey, String> settings = new EnumMap<>(Map.of(
                ConfigKey.DATA_DIR, dataDirectory.toString(),
                ConfigKey.POSTGRES_FSYNC, "false",
                ConfigKey.PORT, Integer.toString(LoopbackPorts.pickFree(host)),
                ConfigKey.ADMIN_PORT, Integer.toString(LoopbackPorts.pickFree(host)),
                ConfigKey.METRICS_PORT, Integer.toString(LoopbackPorts.pickFree(host))));
        EmbeddedClusterConfig config = new ConfigLoader(Map.of(), "(none)", Map.of(), settings).embeddedClusterConfig();
        EmbeddedCluster cluster = new EmbeddedCluster(config, progress);
        cluster.start();
        return new DistgresCluster(cluster);
    }

    Target target() {
        return new Target("distgres", cluster.clientHost(), cluster.port());
    }

    /** The worker PostgreSQL servers, reached directly (for VACUUM ANALYZE after loading). */
    List<String> workerJdbcUrls() {
        return cluster.postgres().workers().stream().map(EmbeddedPostgresServer::jdbcUrlWithUser).toList();
    }

    /** The worker PostgreSQL servers (to read which rows each one holds). */
    List<EmbeddedPostgresServer> workers() {
        return cluster.postgres().workers();
    }

    /** The coordinator's own PostgreSQL, reached directly (for VACUUM ANALYZE of its local tables). */
    String coordinatorPostgresJdbcUrl() {
        return cluster.postgres().coordinator().jdbcUrlWithUser();
    }

    int workerCount() {
        return cluster.postgres().workers().size();
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }
}
