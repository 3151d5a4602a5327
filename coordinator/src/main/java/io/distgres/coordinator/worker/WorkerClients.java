package io.distgres.coordinator.worker;

import io.distgres.coordinator.metadata.DistNode;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One reusable gRPC client per worker agent address, opened on first use and closed with the
 * coordinator.
 */
public final class WorkerClients implements AutoCloseable {
    private final Map<String, WorkerClient> clients = new ConcurrentHashMap<>();

    public WorkerClient forNode(DistNode node) {
        return clients.computeIfAbsent(node.agentHost() + ":" + node.agentPort(),
                key -> new WorkerClient(node.agentHost(), node.agentPort()));
    }

    @Override
    public void close() {
        clients.values().forEach(WorkerClient::close);
        clients.clear();
    }
}
