package io.distgres.coordinator.config;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Everything the coordinator process needs, immutable, built from file + flags + environment.
 *
 * @param listenHost        address the PostgreSQL front door binds (127.0.0.1 unless told)
 * @param port              PostgreSQL front door port (6432)
 * @param adminPort         admin gRPC port (6433)
 * @param metricsPort       Prometheus /metrics port (9464)
 * @param databaseUrl       JDBC URL of the coordinator PostgreSQL (catalog, shells, local tables)
 * @param databaseUser      user for the coordinator PostgreSQL
 * @param databasePassword  password for the coordinator PostgreSQL (may be empty)
 * @param poolSize          HikariCP pool size towards the coordinator PostgreSQL
 * @param maxMessageBytes   largest frontend message accepted (1 GiB like PostgreSQL)
 * @param maxClientConnections client connections accepted before 53300
 * @param poolTimeoutMillis how long a statement waits for a pooled connection before 53300
 * @param workers           worker agents this coordinator uses
 */
public record CoordinatorConfig(
        String listenHost,
        int port,
        int adminPort,
        int metricsPort,
        String databaseUrl,
        String databaseUser,
        String databasePassword,
        int poolSize,
        int maxMessageBytes,
        int maxClientConnections,
        long poolTimeoutMillis,
        List<WorkerEndpoint> workers) {

    public static final int DEFAULT_PORT = 6432;
    public static final int DEFAULT_ADMIN_PORT = 6433;
    public static final int DEFAULT_METRICS_PORT = 9464;
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 1 << 30;

    public CoordinatorConfig {
        requireNonNull(listenHost, "listenHost is null");
        requireNonNull(databaseUrl, "databaseUrl is null");
        requireNonNull(databaseUser, "databaseUser is null");
        databasePassword = databasePassword == null ? "" : databasePassword;
        workers = List.copyOf(requireNonNull(workers, "workers is null"));
        if (maxMessageBytes <= 0) {
            throw new IllegalArgumentException("maxMessageBytes must be positive");
        }
    }

    /** A config with defaults for everything but the coordinator database and the workers. */
    public static CoordinatorConfig defaults(String databaseUrl, String databaseUser, List<WorkerEndpoint> workers) {
        return new CoordinatorConfig("127.0.0.1", DEFAULT_PORT, DEFAULT_ADMIN_PORT, DEFAULT_METRICS_PORT,
                databaseUrl, databaseUser, "", 16, DEFAULT_MAX_MESSAGE_BYTES, 10_000, 30_000, workers);
    }

    public CoordinatorConfig withPort(int newPort) {
        return new CoordinatorConfig(listenHost, newPort, adminPort, metricsPort, databaseUrl, databaseUser,
                databasePassword, poolSize, maxMessageBytes, maxClientConnections, poolTimeoutMillis, workers);
    }

    /** The same config pointed at another coordinator database (the embedded cluster fills it in). */
    public CoordinatorConfig withDatabase(String newUrl, String newUser, String newPassword) {
        return new CoordinatorConfig(listenHost, port, adminPort, metricsPort, newUrl, newUser,
                newPassword, poolSize, maxMessageBytes, maxClientConnections, poolTimeoutMillis, workers);
    }

    /** The same config with another worker list (the embedded cluster knows it only once agents run). */
    public CoordinatorConfig withWorkers(List<WorkerEndpoint> newWorkers) {
        return new CoordinatorConfig(listenHost, port, adminPort, metricsPort, databaseUrl, databaseUser,
                databasePassword, poolSize, maxMessageBytes, maxClientConnections, poolTimeoutMillis, newWorkers);
    }
}
