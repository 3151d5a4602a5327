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
        Set<String> victims = new WaitForGraph(waitsFor).victims(ownPrefix);
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
}
