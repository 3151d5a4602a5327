package io.distgres.coordinator;

import static java.util.Objects.requireNonNull;

import io.distgres.coordinator.config.CoordinatorConfig;

/**
 * The coordinator process: the PostgreSQL front door, its sessions and the pools behind them.
 * {@link #start()} returns once clients are accepted; {@link #close()} stops everything it started.
 */
public final class CoordinatorServer implements AutoCloseable {
    private final CoordinatorConfig config;

    public CoordinatorServer(CoordinatorConfig config) {
        this.config = requireNonNull(config, "config is null");
    }

    /** Starts listening; returns when the front door accepts connections. */
    public void start() throws Exception {
        throw new UnsupportedOperationException("front door not built yet");
    }

    /** The port actually bound (differs from the config when it asked for port 0). */
    public int port() {
        return config.port();
    }

    @Override
    public void close() {
    }
}
