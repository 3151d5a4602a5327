package io.distgres.coordinator.config;

import static java.util.Objects.requireNonNull;

/**
 * Where the coordinator reaches one worker: the agent's gRPC address and the address of the
 * PostgreSQL server behind it (what operators connect to directly).
 */
public record WorkerEndpoint(String name, String agentHost, int agentPort, String postgresHost, int postgresPort) {
    public WorkerEndpoint {
        requireNonNull(name, "name is null");
        requireNonNull(agentHost, "agentHost is null");
        requireNonNull(postgresHost, "postgresHost is null");
    }
}
