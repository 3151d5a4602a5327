package io.distgres.coordinator.execution;

import io.distgres.coordinator.backend.BoundParameter;
import io.distgres.planner.plan.CoordinatorPlan;
import io.distgres.planner.plan.Task;
import io.distgres.planner.render.CombineSqlRenderer;
import io.distgres.planner.render.RenderedSql;
import io.distgres.proto.worker.v1.Row;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a coordinator-tier plan: pulls each table's rows from its shards (all pulls at once) and
 * runs the statement on the coordinator's PostgreSQL, each table replaced by
 * {@code (SELECT * FROM unnest($n::<table>[]))} over the pulled rows, typed by the shell table
 * (the planner's renderer writes that query).
 */
public final class CoordinatorTierExecutor {
    private final WorkerTasks workers;
    private final long rowLimit;

    public CoordinatorTierExecutor(WorkerTasks workers, long rowLimit) {
        this.workers = workers;
        this.rowLimit = rowLimit;
    }

    public void execute(DistributedStatement statement, CoordinatorPlan plan, List<String> parameters) {
        List<Task> tasks = new ArrayList<>();
        List<Integer> pullOfTask = new ArrayList<>();
        for (int p = 0; p < plan.pulls().size(); p++) {
            for (Task task : plan.pulls().get(p).tasks()) {
                tasks.add(task);
                pullOfTask.add(p);
            }
        }
        List<StringBuilder> arrays = new ArrayList<>();
        plan.pulls().forEach(pull -> arrays.add(new StringBuilder("{")));
        long gathered = 0;
        long limit = RowLimit.of(statement.session(), rowLimit);
        try (ParallelTasks running = new ParallelTasks(workers, statement.session(), statement.catalog(), tasks,
                false)) {
            while (running.running()) {
                ParallelTasks.Event event = running.next();
                if (event.event() instanceof TaskStream.Event.Rows rows) {
                    StringBuilder array = arrays.get(pullOfTask.get(event.task()));
                    for (Row row : rows.batch().getRowsList()) {
                        if (++gathered > limit) {
                            throw IntermediateResult.tooManyRows(limit);
                        }
                        if (array.length() > 1) {
                            array.append(',');
                        }
                        IntermediateResult.ArrayLiterals.appendQuoted(array,
                                IntermediateResult.ArrayLiterals.record(WorkerTasks.cells(row)));
                    }
                }
            }
        }
        RenderedSql query = CombineSqlRenderer.coordinatorQuery(plan, parameters);
        List<BoundParameter> values = CombineQuery.textParameters(query.parameters());
        for (StringBuilder array : arrays) {
            values.add(new BoundParameter(array.append('}').toString().getBytes(StandardCharsets.UTF_8), false, 0));
        }
        statement.session().coordinatorLease().run(query.sql(), values.size(), values, statement.sink());
    }
}
