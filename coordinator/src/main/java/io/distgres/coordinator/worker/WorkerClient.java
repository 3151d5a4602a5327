package io.distgres.coordinator.worker;

import io.distgres.proto.worker.v1.HealthResponse;
import java.time.Duration;

/** The coordinator's gRPC client for one worker agent. */
public final class WorkerClient implements AutoCloseable {
    public WorkerClient(String host, int port) {
    }

    /** Asks the agent whether it and its PostgreSQL server are serving. */
    public HealthResponse health(Duration timeout) {
        throw new UnsupportedOperationException("worker client not built yet");
    }

    @Override
    public void close() {
    }
}
