package io.distgres.coordinator.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The configuration keys every distgres role understands, with their environment-variable names.
 *
 * <p>Keys are relative to the role that runs: {@code port} is the coordinator's front door for
 * {@code start} and {@code coordinator}, and the gRPC port for {@code worker}. One key list for all
 * roles lets a config file be shared, while typos are still rejected.
 */
public enum ConfigKey {
    LISTEN_HOST("listen.host"),
    PORT("port"),
    ADMIN_PORT("admin.port"),
    METRICS_PORT("metrics.port"),
    DATABASE_URL("database.url"),
    DATABASE_USER("database.user"),
    DATABASE_PASSWORD("database.password"),
    POOL_SIZE("pool.size"),
    POOL_TIMEOUT_MS("pool.timeout.ms"),
    MAX_MESSAGE_BYTES("max.message.bytes"),
    MAX_CLIENT_CONNECTIONS("max.client.connections"),
    WORKERS("workers"),
    DATA_DIR("data.dir"),
    WORKER_COUNT("worker.count"),
    WORKER_POOL_SIZE("worker.pool.size"),
    POSTGRES_FSYNC("postgres.fsync");

    private static final String ENV_PREFIX = "DISTGRES_";

    private final String key;

    ConfigKey(String key) {
        this.key = key;
    }

    /** The key as written in a .properties file, e.g. {@code admin.port}. */
    public String key() {
        return key;
    }

    /** The environment variable, e.g. {@code DISTGRES_ADMIN_PORT}. */
    public String environmentVariable() {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_');
    }

    public static Optional<ConfigKey> fromKey(String key) {
        return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
    }

    @Override
    public String toString() {
        return key;
    }
}
