package io.distgres.coordinator.ddl;

import static java.util.Objects.requireNonNull;

import io.distgres.coordinator.backend.BackendLease;
import io.distgres.coordinator.backend.DiscardingSink;
import io.distgres.coordinator.backend.SessionIdentity;
import io.distgres.coordinator.error.PgError;
import io.distgres.coordinator.error.PgException;
import io.distgres.coordinator.execution.DistributedStatement;
import io.distgres.coordinator.metadata.DistNode;
import io.distgres.coordinator.metadata.DistTable;
import io.distgres.coordinator.schema.ShellGuard;
import io.distgres.coordinator.worker.WorkerClients;
import io.distgres.coordinator.worker.WorkerTaskException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies one DDL statement to the shell table and to the shards, all or nothing as far as one
 * phase allows: the shell's transaction stays open while each worker commits its script in turn,
 * and commits only after the last one did. If a worker fails, the shell rolls back and the workers
 * that already committed get the undo script.
 *
 * <p>The remaining window, until two-phase commit exists: a change with no undo (DROP COLUMN,
 * TRUNCATE, ALTER TYPE, SET NOT NULL, an unnamed index) stays on the workers that committed before
 * another failed, and an undo that itself fails leaves that worker changed; both are logged.
 */
public final class ShardDdlApplier {
    private static final Logger LOG = LoggerFactory.getLogger(ShardDdlApplier.class);

    private final WorkerClients workers;
    private final Duration timeout;

    public ShardDdlApplier(WorkerClients workers, Duration timeout) {
        this.workers = requireNonNull(workers, "workers is null");
        this.timeout = requireNonNull(timeout, "timeout is null");
    }

    /**
     * @param tables  the distributed tables whose shells the statement changes
     * @param scripts per worker, the statements for all its shards (one transaction per worker)
     * @param undo    per worker, what reverses {@code scripts} there; missing where nothing can
     */
    void apply(DistributedStatement statement, BackendLease lease, List<DistTable> tables,
               Map<DistNode, List<String>> scripts, Map<DistNode, List<String>> undo) {
        CommandTagSink tag = new CommandTagSink(statement.sink());
        lease.run("BEGIN", 0, List.of(), DiscardingSink.INSTANCE);
        List<DistNode> done = new ArrayList<>();
        // the shards change as the session: the shell's privileges (its owner) are the shards'
        SessionIdentity identity = statement.session().identity();
        try {
            // a rewrite, TRUNCATE or new index rebuilds the shell's indexes, its guard among them
            lease.run(ShellGuard.unguardInTransaction(tables), 0, List.of(), DiscardingSink.INSTANCE);
            lease.run(statement.statement().text(), statement.parameterCount(), statement.parameters(), tag);
            for (Map.Entry<DistNode, List<String>> entry : scripts.entrySet()) {
                runScript(entry.getKey(), entry.getValue(), identity);
                done.add(entry.getKey());
            }
            lease.run("COMMIT", 0, List.of(), DiscardingSink.INSTANCE);
        } catch (RuntimeException e) {
            rollback(lease);
            undo(done, undo, identity);
            throw e;
        }
        statement.sink().complete(tag.tag());
    }

    /**
     * Runs one worker's script as {@code identity} (null: the agent's own user), turning its failure
     * into the worker's PostgreSQL error for the client.
     */
    void runScript(DistNode node, List<String> script, SessionIdentity identity) {
        try {
            workers.forNode(node).executeScript(script, timeout, identity);
        } catch (WorkerTaskException e) {
            throw new PgException(new PgError("ERROR", e.sqlState(), e.pgMessage(), e.detail(), e.hint(), 0,
                    "while applying the statement to the shards on " + node.name(), null, null, null, null, null));
        }
    }

    private static void rollback(BackendLease lease) {
        try {
            lease.run("ROLLBACK", 0, List.of(), DiscardingSink.INSTANCE);
        } catch (RuntimeException e) {
            // a lost connection rolls back by itself; the lease is marked broken by its own failure handling
            LOG.warn("could not roll back the shell table's DDL: {}", e.getMessage());
        }
    }

    private void undo(List<DistNode> done, Map<DistNode, List<String>> undo, SessionIdentity identity) {
        for (DistNode node : done) {
            List<String> script = undo.get(node);
            if (script == null || script.isEmpty()) {
                LOG.warn("DDL failed on another worker after {} committed it; it cannot be undone there", node.name());
                continue;
            }
            try {
                workers.forNode(node).executeScript(script, timeout, identity);
            } catch (RuntimeException e) {
                LOG.warn("DDL failed on another worker and could not be undone on {}: {}", node.name(),
                        e.getMessage());
            }
        }
    }
}
