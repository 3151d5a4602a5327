package io.distgres.coordinator.execution;

import io.distgres.coordinator.backend.BoundParameter;
import io.distgres.coordinator.backend.ResultSink;
import io.distgres.coordinator.backend.StatementDescription;
import io.distgres.coordinator.pgwire.codec.ColumnDescriptor;
import io.distgres.coordinator.schema.TypeNames;
import io.distgres.planner.plan.CombineStep;
import io.distgres.planner.plan.MultiShardPlan;
import io.distgres.proto.worker.v1.Row;
import java.util.List;

/**
 * Runs a multi-shard plan: every task at once, then the combine step — rows relayed as they
 * arrive (with LIMIT/OFFSET applied) or gathered and finished by a query on the coordinator's
 * PostgreSQL.
 */
public final class MultiShardExecutor {
    private final WorkerTasks workers;
    private final TypeNames typeNames;
    private final long rowLimit;

    public MultiShardExecutor(WorkerTasks workers, TypeNames typeNames, long rowLimit) {
        this.workers = workers;
        this.typeNames = typeNames;
        this.rowLimit = rowLimit;
    }

    public void execute(DistributedStatement statement, MultiShardPlan plan, List<String> parameters) {
        if (plan.combine() instanceof CombineStep.Concatenate concatenate) {
            concatenate(statement, plan, concatenate);
        } else {
            // aggregates are cast to the statement's own output types: ask the coordinator's PostgreSQL for them
            List<ColumnDescriptor> described = plan.combine() instanceof CombineStep.Aggregate ? describe(statement)
                    : null;
            IntermediateResult gathered = gather(statement, plan);
            CombineQuery.run(plan.combine(), gathered, described, statement, parameters, typeNames);
        }
    }

    /** The statement's own result columns, as the coordinator's PostgreSQL describes it over the shell tables. */
    private static List<ColumnDescriptor> describe(DistributedStatement statement) {
        int[] declared = new int[statement.parameterCount()];
        List<BoundParameter> bound = statement.parameters();
        for (int i = 0; i < declared.length && i < bound.size(); i++) {
            declared[i] = bound.get(i).typeOid();
        }
        StatementDescription description = statement.session().coordinatorLease().describe(
                statement.statement().text(), statement.parameterCount(), declared);
        return description.columns();
    }

    private IntermediateResult gather(DistributedStatement statement, MultiShardPlan plan) {
        IntermediateResult gathered = null;
        long limit = RowLimit.of(statement.session(), rowLimit);
        try (ParallelTasks tasks = new ParallelTasks(workers, statement.session(), statement.catalog(), plan.tasks(),
                plan.writes())) {
            while (tasks.running()) {
                ParallelTasks.Event event = tasks.next();
                if (event.event() instanceof TaskStream.Event.Columns columns && gathered == null) {
                    gathered = new IntermediateResult(columns.columns(), limit);
                } else if (event.event() instanceof TaskStream.Event.Rows rows) {
                    for (Row row : rows.batch().getRowsList()) {
                        gathered.add(WorkerTasks.cells(row));
                    }
                }
            }
        }
        return gathered;
    }

    private void concatenate(DistributedStatement statement, MultiShardPlan plan,
                             CombineStep.Concatenate combine) {
        ResultSink sink = statement.sink();
        boolean columnsSent = false;
        long skip = combine.offset();
        long remaining = combine.limit() < 0 ? Long.MAX_VALUE : combine.limit();
        long sent = 0;
        String tagWord = null;
        long affected = 0;
        try (ParallelTasks tasks = new ParallelTasks(workers, statement.session(), statement.catalog(), plan.tasks(),
                plan.writes())) {
            while (tasks.running() && (remaining > 0 || !columnsSent)) {
                ParallelTasks.Event event = tasks.next();
                if (event.event() instanceof TaskStream.Event.Columns columns) {
                    if (!columnsSent && !columns.columns().isEmpty()) {
                        sink.columns(WorkerTasks.descriptors(columns.columns()));
                    }
                    columnsSent = true;
                } else if (event.event() instanceof TaskStream.Event.Rows rows) {
                    for (Row row : rows.batch().getRowsList()) {
                        if (skip > 0) {
                            skip--;
                        } else if (remaining > 0) {
                            sink.row(WorkerTasks.cells(row));
                            remaining--;
                            sent++;
                        }
                    }
                } else if (event.event() instanceof TaskStream.Event.Done done) {
                    String tag = done.completion().getCommandTag();
                    int space = tag.lastIndexOf(' ');
                    tagWord = space < 0 ? tag : tag.substring(0, space);
                    affected += space < 0 ? 0 : parseCount(tag.substring(space + 1));
                }
            }
        }
        if (!plan.writes()) {
            sink.complete("SELECT " + sent);
        } else {
            sink.complete(tagWord == null ? "UPDATE 0" : tagWord + " " + affected);
        }
    }

    private static long parseCount(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
