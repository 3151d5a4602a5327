package io.distgres.worker;

import static java.util.Objects.requireNonNull;

/** A worker agent: the gRPC WorkerService in front of one pooled PostgreSQL primary. */
public final class WorkerAgent implements AutoCloseable {
    private final WorkerAgentConfig config;

    public WorkerAgent(WorkerAgentConfig config) {
        this.config = requireNonNull(config, "config is null");
    }

    /** Starts the pool and the gRPC server; returns when it accepts calls. */
    public void start() throws Exception {
        throw new UnsupportedOperationException("worker agent not built yet");
    }

    /** The gRPC port actually bound. */
    public int port() {
        return config.port();
    }

    @Override
    public void close() {
    }
}
