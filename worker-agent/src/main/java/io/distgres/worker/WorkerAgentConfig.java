package io.distgres.worker;

import static java.util.Objects.requireNonNull;

/**
 * Configuration of one worker agent process.
 *
 * @param listenHost address the gRPC server binds (127.0.0.1 unless told)
 * @param port       gRPC port (0 picks a free one)
 * @param jdbcUrl    JDBC URL of the PostgreSQL primary this agent fronts
 * @param user       PostgreSQL user
 * @param password   PostgreSQL password (may be empty)
 * @param poolSize   HikariCP maximum pool size towards the primary
 */
public record WorkerAgentConfig(String listenHost, int port, String jdbcUrl, String user, String password, int poolSize) {
    public WorkerAgentConfig {
        requireNonNull(listenHost, "listenHost is null");
        requireNonNull(jdbcUrl, "jdbcUrl is null");
        requireNonNull(user, "user is null");
        password = password == null ? "" : password;
        if (poolSize <= 0) {
            throw new IllegalArgumentException("poolSize must be positive");
        }
    }
}
