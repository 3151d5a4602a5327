package io.distgres.coordinator.routing;

import static java.util.Objects.requireNonNull;

import io.distgres.coordinator.backend.BoundParameter;
import io.distgres.coordinator.backend.ResultSink;
import io.distgres.coordinator.copy.CopyCommand;
import io.distgres.coordinator.copy.CopyFormat;
import io.distgres.coordinator.copy.CopyTarget;
import io.distgres.coordinator.copy.CopyTextCollector;
import io.distgres.coordinator.copy.DistributedCopy;
import io.distgres.coordinator.error.PgError;
import io.distgres.coordinator.error.PgException;
import io.distgres.coordinator.error.SqlState;
import io.distgres.coordinator.execution.CoordinatorTierExecutor;
import io.distgres.coordinator.execution.DistributedStatement;
import io.distgres.coordinator.execution.MultiShardExecutor;
import io.distgres.coordinator.execution.SessionAccess;
import io.distgres.coordinator.execution.StatementIsLocal;
import io.distgres.coordinator.execution.WorkerTasks;
import io.distgres.coordinator.metadata.CatalogSnapshot;
import io.distgres.coordinator.metadata.DdlEpoch;
import io.distgres.coordinator.metadata.DistNode;
import io.distgres.coordinator.pgwire.types.BinaryFormatCodec;
import io.distgres.coordinator.schema.TypeNames;
import io.distgres.coordinator.worker.TaskRequest;
import io.distgres.planner.plan.CoordinatorPlan;
import io.distgres.planner.plan.DistributedPlan;
import io.distgres.planner.plan.InsertSelectPlan;
import io.distgres.planner.plan.MultiShardPlan;
import io.distgres.planner.plan.PlanningOutcome;
import io.distgres.planner.plan.RouterPlan;
import io.distgres.planner.plan.Task;
import io.distgres.planner.sql.SqlIdentifiers;
import io.distgres.planner.tier.DistributedPlanner;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs SELECT/INSERT/UPDATE/DELETE on distributed and reference tables through the tier ladder:
 * plans with {@link DistributedPlanner}, sends each task to the worker holding its shard, and relays
 * the rows to the client with one combined command tag. What no tier can plan fails with 0A000
 * naming the construct.
 */
public final class StatementRouter {
    private final DistributedPlanner planner = new DistributedPlanner();
    private final WorkerTasks workers;
    private final DistributedCopy copy;
    private final BinaryFormatCodec binary = new BinaryFormatCodec();
    private final RoutingCache routingCache;
    private final TableNameResolver names;

    private final MultiShardExecutor multiShardExecutor;
    private final CoordinatorTierExecutor coordinatorTier;

    /**
     * @param names    resolves table names under each session's search_path
     * @param epoch    advanced by DDL: what the router caches about names lives until then
     * @param rowLimit the most rows the coordinator gathers from shards for one statement
     */
    public StatementRouter(WorkerTasks workers, DistributedCopy copy, TableNameResolver names, DdlEpoch epoch,
                           long rowLimit) {
        this.workers = requireNonNull(workers, "workers is null");
        this.copy = requireNonNull(copy, "copy is null");
        this.names = requireNonNull(names, "names is null");
        this.routingCache = new RoutingCache(epoch);
        this.multiShardExecutor = new MultiShardExecutor(workers, new TypeNames(), rowLimit);
        this.coordinatorTier = new CoordinatorTierExecutor(workers, rowLimit);
    }

    public void execute(DistributedStatement statement, String table) {
        DistributedPlan plan = plan(statement, table);
        List<String> parameters = textParameters(statement.parameters());
        CatalogSnapshot catalog = statement.catalog();
        if (plan instanceof MultiShardPlan multiShard) {
            if (multiShard.writes()) {
                // every shard's write commits or none does, as one distributed transaction
                statement.session().atomically(statement.sink(),
                        sink -> multiShardExecutor.execute(statement.withSink(sink), multiShard, parameters));
                return;
            }
            multiShardExecutor.execute(statement, multiShard, parameters);
            return;
        }
        if (plan instanceof CoordinatorPlan coordinator) {
            coordinatorTier.execute(statement, coordinator, parameters);
            return;
        }
        if (plan instanceof InsertSelectPlan insertSelect) {
            statement.session().atomically(statement.sink(),
                    sink -> insertFromCoordinator(statement.withSink(sink), insertSelect, parameters, table));
            return;
        }
        RouterPlan planned = (RouterPlan) plan;
        if (planned.writes() && planned.tasks().stream().map(Task::nodeId).distinct().count() > 1) {
            // a write on several nodes commits on all of them or none, as one distributed transaction
            statement.session().atomically(statement.sink(), sink -> run(planned, catalog, statement.session(), sink));
            return;
        }
        run(planned, catalog, statement.session(), statement.sink());
    }

    /**
     * Plans {@code statement} without running it (EXPLAIN shows this plan); what no tier can plan
     * fails with 0A000 naming the construct.
     */
    public DistributedPlan plan(DistributedStatement statement, String table) {
        PlanningOutcome outcome = planner.plan(statement.statement().text(), textParameters(statement.parameters()),
                new SnapshotRoutingCatalog(statement.catalog(), statement.session(), routingCache, names));
        if (outcome instanceof PlanningOutcome.Local) {
            throw new StatementIsLocal();
        }
        if (outcome instanceof PlanningOutcome.NotApplicable declined) {
            throw new PgException(new PgError("ERROR", SqlState.FEATURE_NOT_SUPPORTED,
                    "distgres cannot run this statement on distributed table \"" + table + "\" yet: "
                            + declined.reason() + " are not supported", null, null, 0, null, null, null, null, null,
                    null));
        }
        return ((PlanningOutcome.Planned) outcome).plan();
    }

    /** INSERT ... SELECT over local tables: the coordinator runs the SELECT, the rows load like a COPY. */
    private void insertFromCoordinator(DistributedStatement statement, InsertSelectPlan plan,
                                       List<String> parameters, String table) {
        List<byte[]> rows = new ArrayList<>();
        CopyTextCollector collector = new CopyTextCollector(rows);
        if (plan.distributedSource()) {
            // the SELECT reads distributed tables: distgres's own tiers answer it
            execute(new DistributedStatement(io.distgres.planner.sql.StatementText.of(plan.query()),
                    statement.parameterCount(), statement.parameters(), statement.catalog(), statement.session(),
                    collector), table);
        } else {
            statement.session().coordinatorLease().run(plan.query(), statement.parameterCount(),
                    statement.parameters(), collector);
        }
        if (collector.columnCount() < 0) {
            statement.sink().complete("INSERT 0 0");
            return;
        }
        String target = SqlIdentifiers.qualified(plan.schema(), plan.table());
        List<String> columns = InsertSelectColumns.of(plan.columns(), collector.columnCount(),
                () -> CopyTarget.resolve(new CopyCommand(java.util.Optional.of(plan.schema()), plan.table(), List.of(),
                        true, CopyFormat.TEXT), statement.catalog(), statement.session().coordinatorLease()).columns());
        long loaded;
        try {
            loaded = copy.loadRows(statement, "COPY " + target + " (" + String.join(", ",
                    columns.stream().map(SqlIdentifiers::quote).toList()) + ") FROM STDIN", rows);
        } catch (PgException e) {
            // the rows travel as a COPY, which the client never wrote: its context lines say nothing to it
            throw new PgException(e.error().withWhere(null));
        }
        statement.sink().complete("INSERT 0 " + loaded);
    }

    private void run(RouterPlan plan, CatalogSnapshot catalog, SessionAccess session, ResultSink sink) {
        boolean columnsSent = false;
        String tagWord = null;
        long total = 0;
        for (int i = 0; i < plan.tasks().size(); i++) {
            Task task = plan.tasks().get(i);
            boolean relay = !plan.replicated() || i == 0;
            DistNode node = catalog.node(task.nodeId()).orElseThrow(() -> new PgException(
                    SqlState.CONNECTION_FAILURE, "node " + task.nodeId() + " of a shard is not in the catalog"));
            String tag = workers.run(session, node, TaskRequest.routed(task.sql(), task.parameters()),
                    plan.writes(), relay && !columnsSent, relay ? sink : null);
            columnsSent |= relay;
            if (relay && tag != null) {
                int space = tag.lastIndexOf(' ');
                String count = space < 0 ? "" : tag.substring(space + 1);
                if (!count.isEmpty() && count.chars().allMatch(Character::isDigit)) {
                    tagWord = tag.substring(0, space);
                    total += Long.parseLong(count);
                } else {
                    tagWord = tag;
                    total = -1;
                }
            }
        }
        sink.complete(tagWord == null ? "SELECT 0" : total < 0 ? tagWord : tagWord + " " + total);
    }

    private List<String> textParameters(List<BoundParameter> parameters) {
        List<String> texts = new ArrayList<>(parameters.size());
        for (BoundParameter p : parameters) {
            if (p.value() == null) {
                texts.add(null);
            } else if (p.binary()) {
                texts.add(new String(binary.toText(p.typeOid(), p.value()), StandardCharsets.UTF_8));
            } else {
                texts.add(new String(p.value(), StandardCharsets.UTF_8));
            }
        }
        return texts;
    }
}
