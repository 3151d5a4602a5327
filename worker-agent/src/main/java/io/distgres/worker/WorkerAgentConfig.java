package io.distgres.worker;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Configuration of one worker agent process.
 *
 * @param listenHost  address the gRPC server binds (127.0.0.1 unless told)
 * @param port        gRPC port (0 picks a free one)
 * @param jdbcUrl     JDBC URL of the PostgreSQL primary this agent fronts
 * @param user        PostgreSQL user
 * @param password    PostgreSQL password (may be empty)
 * @param poolSize    HikariCP maximum pool size towards the primary
 * @param poolTimeout how long a task waits for a pooled connection before it fails
 * @param healthTimeout how long a health check may take before it reports not serving
 */
public record WorkerAgentConfig(String listenHost, int port, String jdbcUrl, String user, String password, int poolSize,
        Duration poolTimeout, Duration healthTimeout) {
    public static final Duration DEFAULT_POOL_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_HEALTH_TIMEOUT = Duration.ofSeconds(2);

    public WorkerAgentConfig {
        requireNonNull(listenHost, "listenHost is null");
        requireNonNull(jdbcUrl, "jdbcUrl is null");
        requireNonNull(user, "user is null");
        password = password == null ? "" : password;
        if (poolSize <= 0) {
            throw new IllegalArgumentException("poolSize must be positive");
        }
        poolTimeout = poolTimeout == null ? DEFAULT_POOL_TIMEOUT : poolTimeout;
        healthTimeout = healthTimeout == null ? DEFAULT_HEALTH_TIMEOUT : healthTimeout;
        // HikariCP refuses connection timeouts under 250 ms
        if (poolTimeout.toMillis() < 250) {
            throw new IllegalArgumentException("poolTimeout must be at least 250 ms");
        }
        if (healthTimeout.isNegative() || healthTimeout.isZero()) {
            throw new IllegalArgumentException("healthTimeout must be positive");
        }
    }

    /** A config with the default pool and health timeouts. */
    public WorkerAgentConfig(String listenHost, int port, String jdbcUrl, String user, String password, int poolSize) {
        this(listenHost, port, jdbcUrl, user, password, poolSize, DEFAULT_POOL_TIMEOUT, DEFAULT_HEALTH_TIMEOUT);
    }
}
