package io.distgres.worker;

import static java.util.Objects.requireNonNull;

import io.distgres.proto.worker.v1.HealthResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers Health: is PostgreSQL reachable through the pool, which version, how busy is the pool.
 *
 * <p>The probe runs on its own thread and is abandoned after the health timeout, because the
 * pool would otherwise keep retrying a dead server for its whole connection timeout.
 */
final class HealthChecker {
    private static final Logger log = LoggerFactory.getLogger(HealthChecker.class);

    private final PostgresPool pool;
    private final ExecutorService executor;
    private final Duration timeout;

    HealthChecker(PostgresPool pool, ExecutorService executor, Duration timeout) {
        this.pool = requireNonNull(pool, "pool is null");
        this.executor = requireNonNull(executor, "executor is null");
        this.timeout = requireNonNull(timeout, "timeout is null");
    }

    HealthResponse check() {
        HealthResponse.Builder response = HealthResponse.newBuilder()
                .setPostgresHost(pool.host())
                .setPostgresPort(pool.port());
        Future<String> version = executor.submit(this::serverVersion);
        try {
            response.setServing(true).setServerVersion(version.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            version.cancel(true);
            log.warn("health probe of {}:{} timed out after {}", pool.host(), pool.port(), timeout);
            response.setServing(false);
        } catch (ExecutionException e) {
            log.warn("health probe of {}:{} failed: {}", pool.host(), pool.port(), e.getCause().getMessage());
            response.setServing(false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            version.cancel(true);
            response.setServing(false);
        }
        return response.setPoolActive(pool.active()).setPoolIdle(pool.idle()).build();
    }

    private String serverVersion() throws Exception {
        try (Connection connection = pool.connection();
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SHOW server_version")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
