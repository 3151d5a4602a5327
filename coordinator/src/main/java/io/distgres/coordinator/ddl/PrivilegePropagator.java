package io.distgres.coordinator.ddl;

import static java.util.Objects.requireNonNull;

import io.distgres.coordinator.backend.BackendLease;
import io.distgres.coordinator.ddl.DdlCommand.TableRef;
import io.distgres.coordinator.error.PgException;
import io.distgres.coordinator.execution.DistributedStatement;
import io.distgres.coordinator.execution.WorkerTasks;
import io.distgres.coordinator.metadata.CatalogSnapshot;
import io.distgres.coordinator.metadata.DistNode;
import io.distgres.coordinator.metadata.DistShard;
import io.distgres.coordinator.metadata.DistTable;
import io.distgres.coordinator.metadata.ShardPlacement;
import io.distgres.coordinator.schema.ShardDdl;
import io.distgres.coordinator.worker.TaskRequest;
import io.distgres.planner.sql.SqlIdentifiers;
import io.distgres.planner.sql.StatementText;
import io.distgres.sqlstate.SqlState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Propagates statements about roles and privileges, as Citus does: CREATE / ALTER / DROP ROLE and
 * GRANT / REVOKE of role membership run unchanged on the coordinator and on every worker; GRANT /
 * REVOKE on distributed and reference tables run on the coordinator's shell and, on each worker,
 * on the shards it holds. Everything runs as the session (so PostgreSQL checks the same privileges
 * on every node) inside one distributed transaction: the change is everywhere or nowhere.
 */
public final class PrivilegePropagator {
    private final WorkerTasks tasks;

    public PrivilegePropagator(WorkerTasks tasks) {
        this.tasks = requireNonNull(tasks, "tasks is null");
    }

    /**
     * True for statements that must reach the workers though they name no distributed table: role
     * statements and GRANT / REVOKE ... ON ALL TABLES IN SCHEMA.
     */
    public static boolean reachesWorkers(StatementText statement) {
        Optional<PrivilegeStatement> parsed = PrivilegeStatement.of(statement);
        return parsed.isPresent() && (parsed.get() instanceof PrivilegeStatement.RoleCommand
                || parsed.get() instanceof PrivilegeStatement.OnAllTablesInSchemas);
    }

    /** True for the statements {@link #execute} runs. */
    public static boolean handles(StatementText statement) {
        return PrivilegeStatement.of(statement).isPresent();
    }

    public void execute(DistributedStatement statement) {
        PrivilegeStatement parsed = PrivilegeStatement.of(statement.statement()).orElseThrow();
        BackendLease lease = statement.session().coordinatorLease();
        String text = statement.statement().text();
        if (parsed instanceof PrivilegeStatement.OnOtherObjects) {
            lease.run(text, statement.parameterCount(), statement.parameters(), statement.sink());
            return;
        }
        statement.session().atomically(statement.sink(), sink -> {
            CommandTagSink tag = new CommandTagSink(sink);
            // the coordinator first: PostgreSQL checks the session's privileges, then the workers agree
            lease.run(text, statement.parameterCount(), statement.parameters(), tag);
            for (Map.Entry<DistNode, String> perWorker : workerStatements(statement, parsed, lease).entrySet()) {
                tasks.run(statement.session(), perWorker.getKey(), TaskRequest.of(perWorker.getValue(), List.of()),
                        true, false, null);
            }
            sink.complete(tag.tag());
        });
    }

    private static Map<DistNode, String> workerStatements(DistributedStatement statement, PrivilegeStatement parsed,
                                                         BackendLease lease) {
        CatalogSnapshot catalog = statement.catalog();
        String text = statement.statement().text();
        Map<DistNode, String> statements = new LinkedHashMap<>();
        if (parsed instanceof PrivilegeStatement.RoleCommand) {
            primaries(catalog).forEach(node -> statements.put(node, text));
        } else if (parsed instanceof PrivilegeStatement.OnAllTablesInSchemas all) {
            for (DistTable table : catalog.tables()) {
                if (all.schemas().contains(table.schemaName())) {
                    // only workers holding shards there have the schema
                    nodesOf(catalog, table).forEach(node -> statements.put(node, text));
                }
            }
        } else if (parsed instanceof PrivilegeStatement.OnTables onTables) {
            Map<DistNode, List<String>> shards = new LinkedHashMap<>();
            for (TableRef ref : onTables.tables()) {
                Optional<DistTable> table = DdlPropagator.resolve(lease, catalog, ref);
                table.ifPresent(t -> shardsByNode(catalog, t, shards));
            }
            shards.forEach((node, names) -> statements.put(node, text.substring(0, onTables.listStart())
                    + String.join(", ", names) + text.substring(onTables.listEnd())));
        }
        return statements;
    }

    private static List<DistNode> primaries(CatalogSnapshot catalog) {
        return catalog.nodes().stream().filter(n -> n.isActive() && n.role() == DistNode.Role.PRIMARY)
                .sorted(Comparator.comparingInt(DistNode::nodeId)).toList();
    }

    private static List<DistNode> nodesOf(CatalogSnapshot catalog, DistTable table) {
        Map<DistNode, List<String>> shards = new LinkedHashMap<>();
        shardsByNode(catalog, table, shards);
        return new ArrayList<>(shards.keySet());
    }

    /** Adds the qualified name of each of {@code table}'s shards under every node holding a placement. */
    private static void shardsByNode(CatalogSnapshot catalog, DistTable table, Map<DistNode, List<String>> shards) {
        for (DistShard shard : table.shards()) {
            String name = SqlIdentifiers.qualified(table.schemaName(),
                    ShardDdl.shardName(table.tableName(), shard.shardId()));
            for (ShardPlacement placement : shard.placements()) {
                DistNode node = catalog.node(placement.nodeId()).orElseThrow(() -> new PgException(
                        SqlState.INTERNAL_ERROR, "placement of shard " + shard.shardId() + " on unknown node"));
                shards.computeIfAbsent(node, n -> new ArrayList<>()).add(name);
            }
        }
    }
}
