package io.distgres.coordinator.config;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * Everything {@code distgres start} needs: where the embedded PostgreSQL servers keep their data,
 * how many workers to run, and the coordinator settings.
 *
 * @param dataDirectory  root of the cluster's data ({@code coordinator/}, {@code worker-1/}, …, {@code cluster.properties})
 * @param workerCount    worker PostgreSQL servers (each with its own agent)
 * @param workerPoolSize HikariCP pool size of each worker agent
 * @param fsync          PostgreSQL {@code fsync}; on unless a test trades durability for speed
 * @param coordinator    coordinator settings; its database and worker list are replaced by the
 *                       embedded servers once they run, so whatever they hold here is ignored
 */
public record EmbeddedClusterConfig(
        Path dataDirectory, int workerCount, int workerPoolSize, boolean fsync, CoordinatorConfig coordinator) {

    public EmbeddedClusterConfig {
        requireNonNull(dataDirectory, "dataDirectory is null");
        requireNonNull(coordinator, "coordinator is null");
        if (workerCount < 1) {
            throw new IllegalArgumentException("workerCount must be at least 1");
        }
        if (workerPoolSize < 1) {
            throw new IllegalArgumentException("workerPoolSize must be positive");
        }
    }
}
