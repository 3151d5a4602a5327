package io.distgres.planner.render;

import io.distgres.planner.errors.SqlStateException;
import io.distgres.planner.plan.CombineStep;
import io.distgres.planner.plan.CoordinatorPlan;
import io.distgres.planner.plan.SqlFragment;
import io.distgres.sqlstate.SqlState;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the SQL the coordinator's PostgreSQL runs for a combine step or a coordinator-tier
 * query — the one place where those plans become text — and the same plans in a readable form
 * for EXPLAIN. The gathered task rows reach the query as one {@code text[]} parameter per column,
 * unnested and cast back to the workers' types; the user's own text is copied, never searched.
 */
public final class CombineSqlRenderer {
    private static final int INT8 = 20;
    private static final int NUMERIC = 1700;
    private static final int FLOAT4 = 700;
    private static final int FLOAT8 = 701;
    private static final int INTERVAL = 1186;

    private CombineSqlRenderer() {
    }

    /**
     * The query finishing {@code step} (a {@link CombineStep.Merge} or {@link CombineStep.Aggregate})
     * over the gathered rows, whose column arrays follow the user's parameters it binds.
     */
    public static RenderedSql combineQuery(CombineStep step, CombineColumns columns, List<String> parameters) {
        Placeholders placeholders = Placeholders.in(texts(step));
        List<String> values = placeholders.values(parameters);
        int hidden = step instanceof CombineStep.Merge merge ? merge.hiddenColumns() : 0;
        return new RenderedSql(write(step, new Execution(columns, placeholders, hidden, values.size() + 1)), values);
    }

    /** The coordinator-tier query, each pulled table's rows one array parameter after the user's. */
    public static RenderedSql coordinatorQuery(CoordinatorPlan plan, List<String> parameters) {
        Placeholders placeholders = Placeholders.in(texts(plan.query()));
        List<String> values = placeholders.values(parameters);
        int first = values.size() + 1;
        StringBuilder sql = new StringBuilder();
        for (SqlFragment.Piece piece : plan.query().pieces()) {
            if (piece instanceof SqlFragment.Text text) {
                sql.append(placeholders.renumber(text.sql()));
            } else if (piece instanceof SqlFragment.PulledTable pulled) {
                sql.append("(SELECT * FROM unnest($").append(first + pulled.pull()).append("::")
                        .append(plan.pulls().get(pulled.pull()).rowType()).append("[]))");
            } else {
                throw new IllegalArgumentException("a coordinator query has no " + piece);
            }
        }
        return new RenderedSql(sql.toString(), values);
    }

    /** {@code step}'s query for EXPLAIN: {@code <task results>}, {@code column1} ... stand for the gathered rows. */
    public static String explain(CombineStep step) {
        return write(step, new Explanation());
    }

    /** The coordinator-tier query for EXPLAIN, each pulled table written {@code <rows of table>}. */
    public static String explain(CoordinatorPlan plan) {
        StringBuilder sql = new StringBuilder();
        for (SqlFragment.Piece piece : plan.query().pieces()) {
            if (piece instanceof SqlFragment.Text text) {
                sql.append(text.sql());
            } else if (piece instanceof SqlFragment.PulledTable pulled) {
                sql.append("<rows of ").append(plan.pulls().get(pulled.pull()).rowType()).append('>');
            }
        }
        return sql.toString();
    }

    private static String write(CombineStep step, Words words) {
        if (step instanceof CombineStep.Merge merge) {
            return merge(merge, words);
        }
        if (step instanceof CombineStep.Aggregate aggregate) {
            return aggregate(aggregate, words);
        }
        throw new IllegalArgumentException("a " + step.getClass().getSimpleName() + " step runs no query");
    }

    private static String merge(CombineStep.Merge merge, Words words) {
        StringBuilder sql = new StringBuilder("SELECT ");
        if (!merge.distinctOn().isEmpty()) {
            sql.append("DISTINCT ON (");
            for (int i = 0; i < merge.distinctOn().size(); i++) {
                sql.append(i == 0 ? "" : ", ").append(words.column(merge.distinctOn().get(i), true));
            }
            sql.append(") ");
        } else if (merge.distinct()) {
            sql.append("DISTINCT ");
        }
        sql.append(words.visibleColumns(merge.hiddenColumns())).append(" FROM ").append(words.relation());
        orderBy(sql, merge.orderBy(), words);
        limits(sql, merge.limit(), merge.offset());
        return sql.toString();
    }

    private static String aggregate(CombineStep.Aggregate aggregate, Words words) {
        StringBuilder sql = new StringBuilder("SELECT ");
        if (aggregate.distinct()) {
            sql.append("DISTINCT ");
        }
        for (int i = 0; i < aggregate.outputs().size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(words.output(i, fragment(aggregate.outputs().get(i), words, false)));
        }
        sql.append(" FROM ").append(words.relation());
        for (int i = 0; i < aggregate.groupKeys(); i++) {
            sql.append(i == 0 ? " GROUP BY " : ", ").append(words.column(i, false));
        }
        if (aggregate.having() != null) {
            sql.append(" HAVING ").append(fragment(aggregate.having(), words, false));
        }
        orderBy(sql, aggregate.orderBy(), words);
        limits(sql, aggregate.limit(), aggregate.offset());
        return sql.toString();
    }

    /**
     * Sort keys name gathered columns qualified: an unqualified name in ORDER BY would mean an
     * output column of that name first, and the user may have named one like a gathered column.
     */
    private static void orderBy(StringBuilder sql, List<CombineStep.SortKey> keys, Words words) {
        for (int i = 0; i < keys.size(); i++) {
            CombineStep.SortKey key = keys.get(i);
            sql.append(i == 0 ? " ORDER BY " : ", ").append(fragment(key.key(), words, true));
            if (key.descending()) {
                sql.append(" DESC");
            }
            if (key.nulls() == CombineStep.Nulls.FIRST) {
                sql.append(" NULLS FIRST");
            } else if (key.nulls() == CombineStep.Nulls.LAST) {
                sql.append(" NULLS LAST");
            }
        }
    }

    private static void limits(StringBuilder sql, long limit, long offset) {
        if (limit >= 0) {
            sql.append(" LIMIT ").append(limit);
        }
        if (offset > 0) {
            sql.append(" OFFSET ").append(offset);
        }
    }

    private static String fragment(SqlFragment fragment, Words words, boolean qualified) {
        StringBuilder out = new StringBuilder();
        for (SqlFragment.Piece piece : fragment.pieces()) {
            if (piece instanceof SqlFragment.Text text) {
                out.append(words.text(text.sql()));
            } else if (piece instanceof SqlFragment.TaskColumn column) {
                out.append(words.column(column.index(), qualified));
            } else if (piece instanceof SqlFragment.HiddenColumn hidden) {
                out.append(words.hidden(hidden.index(), qualified));
            } else if (piece instanceof SqlFragment.FinishAggregate finish) {
                out.append(words.finish(finish.aggregate(), finish.column()));
            } else if (piece instanceof SqlFragment.FinishAverage average) {
                out.append(words.average(average.sumColumn(), average.countColumn()));
            } else {
                throw new IllegalArgumentException("a combine step has no " + piece);
            }
        }
        return out.toString();
    }

    private static List<String> texts(CombineStep step) {
        List<SqlFragment> fragments = new ArrayList<>();
        if (step instanceof CombineStep.Merge merge) {
            merge.orderBy().forEach(key -> fragments.add(key.key()));
        } else if (step instanceof CombineStep.Aggregate aggregate) {
            fragments.addAll(aggregate.outputs());
            if (aggregate.having() != null) {
                fragments.add(aggregate.having());
            }
            aggregate.orderBy().forEach(key -> fragments.add(key.key()));
        }
        List<String> texts = new ArrayList<>();
        fragments.forEach(fragment -> texts.addAll(texts(fragment)));
        return texts;
    }

    private static List<String> texts(SqlFragment fragment) {
        List<String> texts = new ArrayList<>();
        for (SqlFragment.Piece piece : fragment.pieces()) {
            if (piece instanceof SqlFragment.Text text) {
                texts.add(text.sql());
            }
        }
        return texts;
    }

    /** How the pieces of a combine step are written: for running it, or for EXPLAIN. */
    private interface Words {
        String text(String userSql);

        String column(int index, boolean qualified);

        String hidden(int index, boolean qualified);

        String finish(SqlFragment.FinalAggregate aggregate, int column);

        String average(int sumColumn, int countColumn);

        String relation();

        String visibleColumns(int hidden);

        String output(int index, String expression);
    }

    /** The SQL the coordinator runs: gathered column i is {@code __dg<i>} of relation {@code __dgi}. */
    private record Execution(CombineColumns columns, Placeholders placeholders, int hidden, int firstArray)
            implements Words {
        @Override
        public String text(String userSql) {
            return placeholders.renumber(userSql);
        }

        @Override
        public String column(int index, boolean qualified) {
            return (qualified ? "__dgi." : "") + "__dg" + index;
        }

        @Override
        public String hidden(int index, boolean qualified) {
            return column(columns.gatheredCount() - hidden + index, qualified);
        }

        @Override
        public String finish(SqlFragment.FinalAggregate aggregate, int column) {
            String argument = "(__dg" + column + ")";
            return switch (aggregate) {
                case COUNT -> "sum" + argument + "::int8";
                case SUM -> "sum" + argument + "::" + columns.gatheredTypeName(column);
                case MIN -> "min" + argument;
                case MAX -> "max" + argument;
                case BOOL_AND -> "bool_and" + argument;
                case BOOL_OR -> "bool_or" + argument;
            };
        }

        /** avg with PostgreSQL's result type for the partial sums' type. */
        @Override
        public String average(int sumColumn, int countColumn) {
            int type = columns.gatheredTypeOid(sumColumn);
            String sum = "sum(__dg" + sumColumn + ")";
            String count = "nullif(sum(__dg" + countColumn + "), 0)";
            return switch (type) {
                case INT8, NUMERIC -> "(" + sum + "::pg_catalog.numeric / " + count + "::pg_catalog.numeric)";
                case FLOAT4, FLOAT8 -> "(" + sum + "::pg_catalog.float8 / " + count + "::pg_catalog.float8)";
                case INTERVAL -> "(" + sum + " / " + count + "::pg_catalog.float8)";
                default -> throw new SqlStateException(SqlState.FEATURE_NOT_SUPPORTED,
                        "avg over several shards of type oid " + type + " is not supported yet");
            };
        }

        /** {@code (SELECT __dgu.u0::t0 AS __dg0, ... FROM unnest($p::text[], ...) AS __dgu(u0, ...)) AS __dgi}. */
        @Override
        public String relation() {
            StringBuilder select = new StringBuilder("(SELECT ");
            StringBuilder unnest = new StringBuilder(" FROM unnest(");
            StringBuilder names = new StringBuilder(") AS __dgu(");
            for (int c = 0; c < columns.gatheredCount(); c++) {
                String separator = c == 0 ? "" : ", ";
                select.append(separator).append("__dgu.u").append(c).append("::").append(columns.gatheredTypeName(c))
                        .append(" AS __dg").append(c);
                unnest.append(separator).append('$').append(firstArray + c).append("::pg_catalog.text[]");
                names.append(separator).append('u').append(c);
            }
            return select.append(unnest).append(names).append(")) AS __dgi").toString();
        }

        @Override
        public String visibleColumns(int hiddenColumns) {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < columns.gatheredCount() - hiddenColumns; i++) {
                out.append(i == 0 ? "" : ", ").append("__dg").append(i).append(" AS ")
                        .append(ShardNames.quote(columns.gatheredName(i)));
            }
            return out.toString();
        }

        @Override
        public String output(int index, String expression) {
            return "(" + expression + ")::" + columns.outputTypeName(index) + " AS "
                    + ShardNames.quote(columns.outputName(index));
        }
    }

    /** EXPLAIN's form: the gathered rows are {@code <task results>}, their columns {@code column1...}. */
    private record Explanation() implements Words {
        @Override
        public String text(String userSql) {
            return userSql;
        }

        @Override
        public String column(int index, boolean qualified) {
            return "column" + (index + 1);
        }

        @Override
        public String hidden(int index, boolean qualified) {
            return "sort_key" + (index + 1);
        }

        @Override
        public String finish(SqlFragment.FinalAggregate aggregate, int column) {
            String name = switch (aggregate) {
                case COUNT, SUM -> "sum";
                case MIN -> "min";
                case MAX -> "max";
                case BOOL_AND -> "bool_and";
                case BOOL_OR -> "bool_or";
            };
            return name + "(" + column(column, false) + ")";
        }

        @Override
        public String average(int sumColumn, int countColumn) {
            return "sum(" + column(sumColumn, false) + ") / sum(" + column(countColumn, false) + ")";
        }

        @Override
        public String relation() {
            return "<task results>";
        }

        @Override
        public String visibleColumns(int hidden) {
            return hidden == 0 ? "*" : "<columns before sort_key1>";
        }

        @Override
        public String output(int index, String expression) {
            return expression;
        }
    }
}
