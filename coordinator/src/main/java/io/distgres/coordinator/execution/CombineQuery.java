package io.distgres.coordinator.execution;

import io.distgres.coordinator.backend.BackendLease;
import io.distgres.coordinator.backend.BoundParameter;
import io.distgres.coordinator.error.PgException;
import io.distgres.coordinator.error.SqlState;
import io.distgres.coordinator.pgwire.codec.ColumnDescriptor;
import io.distgres.coordinator.schema.TypeNames;
import io.distgres.planner.plan.Task;
import io.distgres.planner.render.ShardNames;
import io.distgres.planner.render.ShardSql;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes and runs a combine step on the coordinator's PostgreSQL: fills in a planner template's
 * {@code __dg} tokens from the gathered rows' types and the statement's description, renumbers
 * the user's parameters the step uses, and appends the gathered rows as array parameters.
 */
final class CombineQuery {
    private static final Pattern TOKEN = Pattern.compile(
            "__dg(INTERMEDIATE|VISIBLE|h(\\d+)|cast(\\d+)|avg(\\d+)_(\\d+)|out(\\d+)|arr(\\d+))");
    private static final int INT8 = 20;
    private static final int NUMERIC = 1700;
    private static final int FLOAT4 = 700;
    private static final int FLOAT8 = 701;
    private static final int INTERVAL = 1186;

    private CombineQuery() {
    }

    /**
     * Renders {@code template} over {@code gathered} and runs it, relaying the result.
     *
     * @param described the statement's own output columns (for {@code __dgoutN}), or null
     */
    static void run(String template, int hidden, IntermediateResult gathered, List<ColumnDescriptor> described,
                    DistributedStatement statement, List<String> parameters, TypeNames typeNames) {
        BackendLease lease = statement.session().coordinatorLease();
        List<String> types = new ArrayList<>();
        gathered.columns().forEach(c -> types.add(typeNames.of(c.getTypeOid(), c.getTypeModifier(), lease)));
        StringBuilder out = new StringBuilder(template.length() + 256);
        Matcher m = TOKEN.matcher(template);
        int at = 0;
        while (m.find()) {
            out.append(template, at, m.start());
            at = m.end();
            String token = m.group(1);
            if (token.equals("INTERMEDIATE")) {
                out.append("__dgarr0");
            } else if (token.equals("VISIBLE")) {
                int visible = gathered.columns().size() - hidden;
                for (int i = 0; i < visible; i++) {
                    out.append(i == 0 ? "" : ", ").append("__dg").append(i).append(" AS ")
                            .append(ShardNames.quote(gathered.columns().get(i).getName()));
                }
            } else if (m.group(2) != null) {
                out.append("__dg").append(gathered.columns().size() - hidden + Integer.parseInt(m.group(2)));
            } else if (m.group(3) != null) {
                out.append("::").append(types.get(Integer.parseInt(m.group(3))));
            } else if (m.group(4) != null) {
                out.append(average(Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)), gathered));
            } else if (m.group(6) != null) {
                ColumnDescriptor column = described.get(Integer.parseInt(m.group(6)));
                out.append("::").append(typeNames.of(column.typeOid(), column.typeModifier(), lease)).append(" AS ")
                        .append(ShardNames.quote(column.name()));
            } else {
                out.append(m.group());
            }
        }
        out.append(template, at, template.length());
        Task renumbered = ShardSql.task(0, out.toString(), parameters);
        int first = renumbered.parameters().size() + 1;
        String sql = renumbered.sql().replace("__dgarr0", gathered.relation(first, types));
        List<BoundParameter> values = textParameters(renumbered.parameters());
        for (String array : gathered.columnArrays()) {
            values.add(new BoundParameter(array.getBytes(StandardCharsets.UTF_8), false, 0));
        }
        lease.run(sql, values.size(), values, statement.sink());
    }

    /** Text values as untyped parameters (null = NULL): the coordinator's PostgreSQL infers their types. */
    static List<BoundParameter> textParameters(List<String> texts) {
        List<BoundParameter> values = new ArrayList<>(texts.size());
        for (String value : texts) {
            values.add(new BoundParameter(value == null ? null : value.getBytes(StandardCharsets.UTF_8), false, 0));
        }
        return values;
    }

    /** avg from partial sums and counts, with PostgreSQL's avg result type for the argument's type. */
    private static String average(int sum, int count, IntermediateResult gathered) {
        int type = gathered.columns().get(sum).getTypeOid();
        String s = "sum(__dg" + sum + ")";
        String n = "nullif(sum(__dg" + count + "), 0)";
        return switch (type) {
            case INT8, NUMERIC -> "(" + s + "::pg_catalog.numeric / " + n + "::pg_catalog.numeric)";
            case FLOAT4, FLOAT8 -> "(" + s + "::pg_catalog.float8 / " + n + "::pg_catalog.float8)";
            case INTERVAL -> "(" + s + " / " + n + "::pg_catalog.float8)";
            default -> throw new PgException(SqlState.FEATURE_NOT_SUPPORTED,
                    "avg over several shards of type oid " + type + " is not supported yet");
        };
    }
}
