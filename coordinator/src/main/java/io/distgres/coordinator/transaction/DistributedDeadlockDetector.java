package io.distgres.coordinator.transaction;

import static java.util.Objects.requireNonNull;

import io.distgres.coordinator.metadata.CatalogReader;
import io.distgres.coordinator.metadata.DistNode;
import io.distgres.coordinator.worker.WorkerClients;
import io.distgres.coordinator.worker.WorkerTaskException;
import io.distgres.proto.worker.v1.LockWait;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds deadlocks that no single PostgreSQL can see: each worker reports which transaction handle
 * waits for which (its own wait-for graph, acyclic there), the merged graph over all workers has a
 * cycle, and the youngest transaction of this coordinator in the cycle is canceled on the nodes
 * where it waits — its statement fails with 40P01, as a local deadlock would. A cycle must show
 * in two consecutive rounds before anything is canceled, because the workers' graphs are read one
 * after another and a wait seen on one may have ended by the time another is read.
 */
final class DistributedDeadlockDetector {
    private static final Logger log = LoggerFactory.getLogger(DistributedDeadlockDetector.class);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);

    private final CatalogReader catalog;
    private final WorkerClients workers;
    private final String ownPrefix;
    private Set<String> suspects = Set.of();

    /** @param ownPrefix prefix of this coordinator's transaction handle ids: only those are canceled */
    DistributedDeadlockDetector(CatalogReader catalog, WorkerClients workers, String ownPrefix) {
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.workers = requireNonNull(workers, "workers is null");
        this.ownPrefix = requireNonNull(ownPrefix, "ownPrefix is null");
    }

    /** One round: reads every worker's waits, and cancels the victims of cycles seen twice in a row. */
    synchronized List<String> detect() {
        Map<String, Set<String>> waitsFor = new HashMap<>();
        Map<String, List<DistNode>> waitingOn = new HashMap<>();
        for (DistNode node : catalog.snapshot().nodes()) {
            if (!node.isActive() || node.role() != DistNode.Role.PRIMARY) {
                continue;
            }
            try {
                for (LockWait wait : workers.forNode(node).lockWaits(CALL_TIMEOUT)) {
                    waitsFor.computeIfAbsent(wait.getWaiter(), w -> new LinkedHashSet<>()).add(wait.getHolder());
                    waitingOn.computeIfAbsent(wait.getWaiter(), w -> new ArrayList<>()).add(node);
                }
            } catch (WorkerTaskException e) {
                log.debug("deadlock detection cannot read node {}: {}", node.name(), e.getMessage());
            }
        }
        Set<String> victims = victims(waitsFor);
        List<String> canceled = new ArrayList<>();
        for (String victim : victims) {
            if (!suspects.contains(victim)) {
                continue;
            }
            log.info("distributed deadlock: canceling transaction {}", victim);
            for (DistNode node : waitingOn.getOrDefault(victim, List.of())) {
                try {
                    workers.forNode(node).cancelTransaction(victim, CALL_TIMEOUT);
                } catch (WorkerTaskException e) {
                    log.warn("could not cancel transaction {} on node {}: {}", victim, node.name(), e.getMessage());
                }
            }
            canceled.add(victim);
        }
        suspects = victims;
        return canceled;
    }

    /** The transactions to cancel so that no cycle is left: per cycle, its youngest of this coordinator. */
    private Set<String> victims(Map<String, Set<String>> waitsFor) {
        Map<String, Set<String>> graph = new HashMap<>();
        waitsFor.forEach((waiter, holders) -> graph.put(waiter, new HashSet<>(holders)));
        Set<String> victims = new LinkedHashSet<>();
        List<String> cycle;
        while (!(cycle = findCycle(graph)).isEmpty()) {
            String victim = cycle.stream().filter(id -> id.startsWith(ownPrefix))
                    .max((a, b) -> Long.compare(number(a), number(b))).orElse(null);
            String removed = victim != null ? victim : cycle.get(0); // another coordinator's cycle: its detector acts
            if (victim != null) {
                victims.add(victim);
            }
            graph.remove(removed);
            graph.values().forEach(holders -> holders.remove(removed));
        }
        return victims;
    }

    private static List<String> findCycle(Map<String, Set<String>> graph) {
        Set<String> done = new HashSet<>();
        for (String start : graph.keySet()) {
            List<String> path = new ArrayList<>();
            List<String> cycle = walk(start, graph, path, new HashSet<>(), done);
            if (!cycle.isEmpty()) {
                return cycle;
            }
        }
        return List.of();
    }

    private static List<String> walk(String at, Map<String, Set<String>> graph, List<String> path, Set<String> onPath,
                                     Set<String> done) {
        if (onPath.contains(at)) {
            return List.copyOf(path.subList(path.indexOf(at), path.size()));
        }
        if (done.contains(at)) {
            return List.of();
        }
        path.add(at);
        onPath.add(at);
        for (String next : graph.getOrDefault(at, Set.of())) {
            List<String> cycle = walk(next, graph, path, onPath, done);
            if (!cycle.isEmpty()) {
                return cycle;
            }
        }
        path.remove(path.size() - 1);
        onPath.remove(at);
        done.add(at);
        return List.of();
    }

    /** The transaction number at the end of a handle id ({@code <coordinator>_<number>}). */
    private static long number(String handleId) {
        try {
            return Long.parseLong(handleId.substring(handleId.lastIndexOf('_') + 1));
        } catch (NumberFormatException e) {
            return Long.MIN_VALUE;
        }
    }
}
