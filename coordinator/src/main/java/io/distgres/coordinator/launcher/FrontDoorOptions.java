package io.distgres.coordinator.launcher;

import io.distgres.coordinator.config.ConfigKey;
import java.util.Map;
import picocli.CommandLine.Option;

/** Flags of the coordinator's listening ports and pool, shared by {@code start} and {@code coordinator}. */
final class FrontDoorOptions {
    @Option(names = "--port", paramLabel = "PORT",
            description = "PostgreSQL wire port for clients (default 6432; env DISTGRES_PORT; key port).")
    String port;

    @Option(names = "--admin-port", paramLabel = "PORT",
            description = "Admin gRPC port (default 6433; env DISTGRES_ADMIN_PORT; key admin.port).")
    String adminPort;

    @Option(names = "--metrics-port", paramLabel = "PORT",
            description = "Prometheus /metrics HTTP port (default 9464; env DISTGRES_METRICS_PORT; key metrics.port).")
    String metricsPort;

    @Option(names = "--pool-size", paramLabel = "N",
            description = "Connections from the coordinator to its own PostgreSQL (default 16; env DISTGRES_POOL_SIZE; key pool.size).")
    String poolSize;

    void addTo(Map<ConfigKey, String> flags) {
        ConfigOptions.put(flags, ConfigKey.PORT, port);
        ConfigOptions.put(flags, ConfigKey.ADMIN_PORT, adminPort);
        ConfigOptions.put(flags, ConfigKey.METRICS_PORT, metricsPort);
        ConfigOptions.put(flags, ConfigKey.POOL_SIZE, poolSize);
    }
}
