package io.distgres.coordinator.execution;

import io.distgres.coordinator.backend.BackendLease;
import io.distgres.coordinator.backend.BoundParameter;
import io.distgres.coordinator.error.PgException;
import io.distgres.coordinator.error.SqlState;
import io.distgres.coordinator.pgwire.codec.ColumnDescriptor;
import io.distgres.coordinator.schema.TypeNames;
import io.distgres.planner.plan.CombineStep;
import io.distgres.planner.plan.Task;
import io.distgres.planner.render.CombineColumns;
import io.distgres.planner.render.CombineSqlRenderer;
import io.distgres.planner.render.RenderedSql;
import io.distgres.planner.render.ShardNames;
import io.distgres.planner.render.ShardSql;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a combine step on the coordinator's PostgreSQL: tells the planner's renderer the gathered
 * rows' types and the statement's own output columns, and runs the query it writes with the
 * user's parameters it uses followed by the gathered rows as array parameters.
 */
final class CombineQuery {
    private CombineQuery() {
    }

    /**
     * Renders {@code step} over {@code gathered} and runs it, relaying the result.
     *
     * @param described the statement's own output columns (for aggregate steps), or null
     */
    static void run(CombineStep step, IntermediateResult gathered, List<ColumnDescriptor> described,
                    DistributedStatement statement, List<String> parameters, TypeNames typeNames) {
        BackendLease lease = statement.session().coordinatorLease();
        List<String> types = new ArrayList<>();
        gathered.columns().forEach(c -> types.add(typeNames.of(c.getTypeOid(), c.getTypeModifier(), lease)));
        RenderedSql sql = CombineSqlRenderer.combineQuery(step, new Columns(gathered, types, described, typeNames,
                lease), parameters);
        List<BoundParameter> values = textParameters(sql.parameters());
        for (String array : gathered.columnArrays()) {
            values.add(new BoundParameter(array.getBytes(StandardCharsets.UTF_8), false, 0));
        }
        lease.run(sql.sql(), values.size(), values, statement.sink());
    }

    /** Text values as untyped parameters (null = NULL): the coordinator's PostgreSQL infers their types. */
    static List<BoundParameter> textParameters(List<String> texts) {
        List<BoundParameter> values = new ArrayList<>(texts.size());
        for (String value : texts) {
            values.add(new BoundParameter(value == null ? null : value.getBytes(StandardCharsets.UTF_8), false, 0));
        }
        return values;
    }

    /** The gathered columns as the workers described them, and the statement's output columns. */
    private record Columns(IntermediateResult gathered, List<String> types, List<ColumnDescriptor> described,
                           TypeNames typeNames, BackendLease lease) implements CombineColumns {
        @Override
        public int gatheredCount() {
            return gathered.columns().size();
        }

        @Override
        public String gatheredName(int column) {
            return gathered.columns().get(column).getName();
        }

        @Override
        public String gatheredTypeName(int column) {
            return types.get(column);
        }

        @Override
        public int gatheredTypeOid(int column) {
            return gathered.columns().get(column).getTypeOid();
        }

        @Override
        public String outputTypeName(int column) {
            ColumnDescriptor output = described.get(column);
            return typeNames.of(output.typeOid(), output.typeModifier(), lease);
        }

        @Override
        public String outputName(int column) {
            return described.get(column).name();
        }
    }
}
