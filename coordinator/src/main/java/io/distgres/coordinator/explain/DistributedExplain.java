package io.distgres.coordinator.explain;

import static java.util.Objects.requireNonNull;

import io.distgres.coordinator.backend.ResultSink;
import io.distgres.coordinator.error.PgException;
import io.distgres.coordinator.execution.DistributedStatement;
import io.distgres.coordinator.execution.WorkerTasks;
import io.distgres.coordinator.metadata.DistNode;
import io.distgres.coordinator.pgwire.codec.ColumnDescriptor;
import io.distgres.coordinator.routing.StatementRouter;
import io.distgres.coordinator.worker.TaskRequest;
import io.distgres.planner.plan.CombineStep;
import io.distgres.planner.plan.CoordinatorPlan;
import io.distgres.planner.plan.DistributedPlan;
import io.distgres.planner.plan.InsertSelectPlan;
import io.distgres.planner.plan.MultiShardPlan;
import io.distgres.planner.plan.RouterPlan;
import io.distgres.planner.plan.Task;
import io.distgres.planner.render.CombineSqlRenderer;
import io.distgres.planner.sql.SqlLiterals;
import io.distgres.sqlstate.SqlState;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * EXPLAIN of a statement on distributed tables: the distributed plan (tier, tasks with their
 * node and SQL, combine steps) around the worker's own plan for one task, in PostgreSQL's text
 * format under one "QUERY PLAN" column. EXPLAIN ANALYZE runs every task, as PostgreSQL runs the
 * statement, and adds each task's rows and time.
 *
 * <p>Each kind of plan renders itself in one method here; {@link #describe} picks it.
 */
public final class DistributedExplain {
    private static final int TEXT_OID = 25;
    private static final Pattern ACTUAL_ROWS = Pattern.compile("actual[^)]*rows=(\\d+)");

    private final StatementRouter router;
    private final WorkerTasks workers;

    public DistributedExplain(StatementRouter router, WorkerTasks workers) {
        this.router = requireNonNull(router, "router is null");
        this.workers = requireNonNull(workers, "workers is null");
    }

    /** Runs {@code EXPLAIN ...} for {@code explain}, naming {@code table} in errors. */
    public void execute(DistributedStatement explain, String table) {
        ExplainOptions options = ExplainOptions.parse(explain.statement());
        DistributedStatement inner = new DistributedStatement(options.statement(), explain.parameterCount(),
                explain.parameters(), explain.catalog(), explain.session(), explain.sink());
        DistributedPlan plan = router.plan(inner, table);
        ExplainWriter out = new ExplainWriter();
        long started = System.nanoTime();
        describe(plan, new Explained(inner, options, table), out);
        if (options.analyze() && options.enabled("summary", true)) {
            out.line("Execution Time: " + millis(System.nanoTime() - started));
        }
        ResultSink sink = explain.sink();
        sink.columns(List.of(new ColumnDescriptor("QUERY PLAN", 0, (short) 0, TEXT_OID, (short) -1, -1)));
        for (String line : out.lines()) {
            sink.row(new byte[][] {line.getBytes(StandardCharsets.UTF_8)});
        }
        sink.complete("EXPLAIN");
    }

    /** The explained statement, its options and the table it names. */
    private record Explained(DistributedStatement statement, ExplainOptions options, String table) {
    }

    /** Writes the lines of {@code plan}: one method per kind of distributed plan. */
    private void describe(DistributedPlan plan, Explained explained, ExplainWriter out) {
        if (plan instanceof RouterPlan routed) {
            describeTasks(routed, explained, out);
        } else if (plan instanceof InsertSelectPlan insertSelect) {
            describeInsertSelect(insertSelect, explained, out);
        } else if (plan instanceof MultiShardPlan multiShard) {
            describeMultiShard(multiShard, explained, out);
        } else if (plan instanceof CoordinatorPlan coordinator) {
            describeCoordinator(coordinator, explained, out);
        }
    }

    /** Tasks whose results are concatenated (the fast-path and router tiers). */
    private void describeTasks(RouterPlan plan, Explained explained, ExplainWriter out) {
        rejectAnalyzedWriteInTransaction(plan.writes(), explained);
        out.line("Custom Scan (distgres Adaptive)");
        String reach = switch (plan.placements()) {
            case SHARD_GROUPS -> "";
            case ANY_REFERENCE_PLACEMENT -> " (reference table)";
            case EVERY_REFERENCE_PLACEMENT -> " (reference table, every placement)";
        };
        out.property("Tier", plan.tier().displayName() + reach);
        taskList(plan.tasks(), plan.writes(), explained, out);
    }

    /**
     * The task list every distributed plan shows: count, then each task's node, SQL and
     * parameters, the worker's plan under the first, and with ANALYZE each task run with its
     * rows and time. A plan with a combine step writes its combine lines before calling this.
     */
    private void taskList(List<Task> tasks, boolean writes, Explained explained, ExplainWriter out) {
        boolean analyze = explained.options().analyze();
        out.property("Task Count", tasks.size());
        out.property("Tasks Shown", tasks.size() == 1 ? "All" : "All, with the worker plan of the first");
        for (int i = 0; i < tasks.size(); i++) {
            Task task = tasks.get(i);
            DistNode node = node(explained, task);
            boolean showPlan = i == 0;
            TaskExplain workerPlan = showPlan || analyze ? workerPlan(explained, task, node, writes) : null;
            out.child("Task", () -> {
                out.property("Node", node.name() + " host=" + node.host() + " port=" + node.port());
                query(out, "Query", task.sql());
                if (!task.parameters().isEmpty()) {
                    out.property("Parameters", parameters(task.parameters()));
                }
                if (analyze) {
                    out.property("Rows", actualRows(workerPlan.lines()) + "  Time: " + millis(workerPlan.nanos()));
                }
                if (showPlan) {
                    out.childPlan(workerPlan.lines());
                }
            });
        }
    }

    /** Tasks on every shard group whose results a combine step turns into the statement's result. */
    private void describeMultiShard(MultiShardPlan plan, Explained explained, ExplainWriter out) {
        rejectAnalyzedWriteInTransaction(plan.writes(), explained);
        out.line("Custom Scan (distgres Adaptive)");
        out.property("Tier", tierName(plan));
        if (plan.combine() instanceof CombineStep.Concatenate concatenate) {
            out.property("Combine", "concatenate task results" + (concatenate.offset() > 0 ? ", skip "
                    + concatenate.offset() : "") + (concatenate.limit() >= 0 ? ", stop after " + concatenate.limit()
                    : ""));
        } else {
            out.property("Combine", "query over the gathered task results on the coordinator");
            query(out, "Combine Query", CombineSqlRenderer.explain(plan.combine()));
        }
        taskList(plan.tasks(), plan.writes(), explained, out);
    }

    /** A multi-shard plan's tier line: what its tasks do and, for aggregates, what they return. */
    private static String tierName(MultiShardPlan plan) {
        if (plan.operation() == MultiShardPlan.Operation.MODIFICATION) {
            return "multi-shard modification";
        }
        if (plan.operation() == MultiShardPlan.Operation.INSERT_SELECT) {
            return "multi-shard INSERT ... SELECT (co-located)";
        }
        if (plan.combine() instanceof CombineStep.Aggregate aggregate) {
            return plan.tier().displayName() + (aggregate.inputs() == CombineStep.Aggregate.Inputs.PARTIAL_AGGREGATES
                    ? " (partial aggregates)" : " (rows pulled for aggregates)");
        }
        return plan.tier().displayName();
    }

    /** A SELECT run on the coordinator's PostgreSQL over rows pulled from the shards. */
    private void describeCoordinator(CoordinatorPlan plan, Explained explained, ExplainWriter out) {
        out.line("Custom Scan (distgres Adaptive)");
        out.property("Tier", plan.tier().displayName());
        query(out, "Coordinator Query", CombineSqlRenderer.explain(plan));
        for (CoordinatorPlan.Pull pull : plan.pulls()) {
            out.child("Pull " + pull.rowType(), () -> taskList(pull.tasks(), false, explained, out));
        }
    }

    /** INSERT ... SELECT whose SELECT runs on the coordinator and whose rows load into the shards. */
    private void describeInsertSelect(InsertSelectPlan plan, Explained explained, ExplainWriter out) {
        DistributedStatement statement = explained.statement();
        out.line("Custom Scan (distgres Adaptive)");
        out.property("Tier", "insert ... select through the coordinator");
        out.property("Target", plan.schema() + "." + plan.table());
        if (explained.options().analyze()) {
            String[] tag = new String[1];
            router.execute(new DistributedStatement(statement.statement(), statement.parameterCount(),
                    statement.parameters(), statement.catalog(), statement.session(), new ResultSink() {
                        @Override
                        public void row(byte[][] cells) {
                        }

                        @Override
                        public void complete(String commandTag) {
                            tag[0] = commandTag;
                        }
                    }), explained.table());
            out.property("Rows Loaded", tag[0] == null ? "0" : tag[0].substring(tag[0].lastIndexOf(' ') + 1));
        }
        if (plan.distributedSource()) {
            // the SELECT reads distributed tables: distgres's own tiers run it, never the coordinator's shells
            DistributedStatement source = new DistributedStatement(
                    io.distgres.planner.sql.StatementText.of(plan.query()), statement.parameterCount(),
                    statement.parameters(), statement.catalog(), statement.session(), statement.sink());
            DistributedPlan sourcePlan = router.plan(source, explained.table());
            out.child("Source Query", () -> {
                query(out, "Query", plan.query());
                describe(sourcePlan, new Explained(source, explained.options(), explained.table()), out);
            });
            return;
        }
        List<String> coordinatorPlan = new ArrayList<>();
        try {
            statement.session().coordinatorLease().run(explained.options().prefixWithoutAnalyze() + plan.query(),
                    statement.parameterCount(), statement.parameters(),
                    cells -> coordinatorPlan.add(new String(cells[0], StandardCharsets.UTF_8)));
        } catch (PgException e) {
            throw new PgException(e.error().withPosition(0));
        }
        out.child("Coordinator Query", () -> {
            query(out, "Query", plan.query());
            out.childPlan(coordinatorPlan);
        });
    }

    /** EXPLAIN ANALYZE runs the statement, so a write obeys the rules writes obey. */
    private static void rejectAnalyzedWriteInTransaction(boolean writes, Explained explained) {
        if (explained.options().analyze() && writes && explained.statement().session().inTransactionBlock()) {
            throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "writes to distributed table \""
                    + explained.table() + "\" inside a transaction block are not supported until distributed"
                    + " transactions are built");
        }
    }

    /** A worker's plan lines for one task and how long the coordinator waited for them. */
    private record TaskExplain(List<String> lines, long nanos) {
    }

    /** The worker's EXPLAIN of one task, run with the client's own EXPLAIN options. */
    private TaskExplain workerPlan(Explained explained, Task task, DistNode node, boolean writes) {
        List<String> lines = new ArrayList<>();
        ExplainOptions options = explained.options();
        long started = System.nanoTime();
        workers.run(explained.statement().session(), node,
                new TaskRequest(options.prefix() + task.sql(), task.parameters(), 0, null),
                writes && options.analyze(), false, cells -> lines.add(new String(cells[0], StandardCharsets.UTF_8)));
        return new TaskExplain(lines, System.nanoTime() - started);
    }

    private static DistNode node(Explained explained, Task task) {
        return explained.statement().catalog().node(task.nodeId()).orElseThrow(() -> new PgException(
                SqlState.CONNECTION_FAILURE, "node " + task.nodeId() + " of a shard is not in the catalog"));
    }

    private static void query(ExplainWriter out, String label, String sql) {
        String[] lines = sql.strip().split("\\R");
        out.property(label, lines[0]);
        for (int i = 1; i < lines.length; i++) {
            out.line(" ".repeat(label.length() + 4) + lines[i]);
        }
    }

    private static String parameters(List<String> values) {
        List<String> shown = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            String v = values.get(i);
            shown.add("$" + (i + 1) + " = " + (v == null ? "NULL" : SqlLiterals.quote(v)));
        }
        return String.join(", ", shown);
    }

    /** The rows the worker's top plan node returned, from its "actual ... rows=N". */
    private static String actualRows(List<String> workerPlan) {
        if (workerPlan != null && !workerPlan.isEmpty()) {
            Matcher m = ACTUAL_ROWS.matcher(workerPlan.get(0));
            if (m.find()) {
                return m.group(1);
            }
        }
        return "?";
    }

    private static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.3f ms", nanos / 1_000_000.0);
    }
}
