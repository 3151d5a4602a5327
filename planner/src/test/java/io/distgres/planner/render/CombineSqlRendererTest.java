package io.distgres.planner.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.distgres.planner.errors.SqlStateException;
import io.distgres.planner.plan.CombineStep;
import io.distgres.planner.plan.CombineStep.SortKey;
import io.distgres.planner.plan.CoordinatorPlan;
import io.distgres.planner.plan.SqlFragment;
import io.distgres.planner.plan.SqlFragment.FinalAggregate;
import io.distgres.planner.plan.SqlFragment.FinishAggregate;
import io.distgres.planner.plan.SqlFragment.FinishAverage;
import io.distgres.planner.plan.SqlFragment.HiddenColumn;
import io.distgres.planner.plan.SqlFragment.PulledTable;
import io.distgres.planner.plan.SqlFragment.TaskColumn;
import io.distgres.planner.plan.SqlFragment.Text;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Combine steps and coordinator queries written as SQL: the one place plans become text. */
class CombineSqlRendererTest {
    private static final String ONE_COLUMN = "(SELECT __dgu.u0::text AS __dg0 FROM unnest($%d::pg_catalog.text[])"
            + " AS __dgu(u0)) AS __dgi";

    /** Gathered columns of the given type OIDs, named c0.., typed t0.. (text for OID 25). */
    private record Columns(List<Integer> oids) implements CombineColumns {
        @Override
        public int gatheredCount() {
            return oids.size();
        }

        @Override
        public String gatheredName(int column) {
            return "c" + column;
        }

        @Override
        public String gatheredTypeName(int column) {
            return oids.get(column) == 25 ? "text" : "t" + column;
        }

        @Override
        public int gatheredTypeOid(int column) {
            return oids.get(column);
        }

        @Override
        public String outputTypeName(int column) {
            return "o" + column;
        }

        @Override
        public String outputName(int column) {
            return "out" + column;
        }
    }

    private static SqlFragment fragment(SqlFragment.Piece... pieces) {
        return new SqlFragment(List.of(pieces));
    }

    @Test
    void mergeSortsByQualifiedColumnsAndLeavesTheHiddenOnesOut() {
        CombineStep.Merge merge = new CombineStep.Merge(false, List.of(), List.of(
                new SortKey(fragment(new HiddenColumn(0)), true, CombineStep.Nulls.LAST),
                new SortKey(fragment(new TaskColumn(0)), false, CombineStep.Nulls.FIRST)), 1, 3, 2);
        RenderedSql sql = CombineSqlRenderer.combineQuery(merge, new Columns(List.of(25, 20)), List.of("ignored"));
        assertThat(sql.sql()).isEqualTo("SELECT __dg0 AS \"c0\" FROM (SELECT __dgu.u0::text AS __dg0, __dgu.u1::t1"
                + " AS __dg1 FROM unnest($1::pg_catalog.text[], $2::pg_catalog.text[]) AS __dgu(u0, u1)) AS __dgi"
                + " ORDER BY __dgi.__dg1 DESC NULLS LAST, __dgi.__dg0 NULLS FIRST LIMIT 3 OFFSET 2");
        assertThat(sql.parameters()).isEmpty();
        assertThat(sql.firstRowParameter()).isEqualTo(1);
    }

    @Test
    void distinctOnNamesItsKeysQualified() {
        CombineStep.Merge merge = new CombineStep.Merge(false, List.of(0), List.of(), 0, -1, 0);
        assertThat(CombineSqlRenderer.combineQuery(merge, new Columns(List.of(25)), List.of()).sql())
                .isEqualTo("SELECT DISTINCT ON (__dgi.__dg0) __dg0 AS \"c0\" FROM " + ONE_COLUMN.formatted(1));
    }

    @Test
    void partialAggregatesAreFinishedInTheirTypesAndCastToTheStatementsOutputTypes() {
        CombineStep.Aggregate aggregate = new CombineStep.Aggregate(CombineStep.Aggregate.Inputs.PARTIAL_AGGREGATES,
                true, List.of(fragment(new TaskColumn(0)), fragment(new FinishAggregate(FinalAggregate.COUNT, 1)),
                fragment(new FinishAggregate(FinalAggregate.SUM, 2), new Text(" + 1")),
                fragment(new FinishAverage(2, 1)), fragment(new FinishAverage(3, 1))),
                1, fragment(new FinishAggregate(FinalAggregate.MAX, 2), new Text(" > $3")),
                List.of(new SortKey(SqlFragment.text("2"), true, CombineStep.Nulls.DEFAULT)), 10, 0);
        RenderedSql sql = CombineSqlRenderer.combineQuery(aggregate, new Columns(List.of(25, 20, 1700, 701)),
                List.of("a", "b", "c"));
        assertThat(sql.sql()).isEqualTo("SELECT DISTINCT (__dg0)::o0 AS \"out0\", (sum(__dg1)::int8)::o1 AS \"out1\","
                + " (sum(__dg2)::t2 + 1)::o2 AS \"out2\","
                + " ((sum(__dg2)::pg_catalog.numeric / nullif(sum(__dg1), 0)::pg_catalog.numeric))::o3 AS \"out3\","
                + " ((sum(__dg3)::pg_catalog.float8 / nullif(sum(__dg1), 0)::pg_catalog.float8))::o4 AS \"out4\""
                + " FROM (SELECT __dgu.u0::text AS __dg0, __dgu.u1::t1 AS __dg1, __dgu.u2::t2 AS __dg2,"
                + " __dgu.u3::t3 AS __dg3 FROM unnest($2::pg_catalog.text[], $3::pg_catalog.text[],"
                + " $4::pg_catalog.text[], $5::pg_catalog.text[]) AS __dgu(u0, u1, u2, u3)) AS __dgi"
                + " GROUP BY __dg0 HAVING max(__dg2) > $1 ORDER BY 2 DESC LIMIT 10");
        // only the parameter the step uses, renumbered; the gathered columns follow it
        assertThat(sql.parameters()).containsExactly("c");
        assertThat(sql.firstRowParameter()).isEqualTo(2);
    }

    @Test
    void averagesOfTypesPostgresDoesNotAverageAreRefused() {
        CombineStep.Aggregate aggregate = new CombineStep.Aggregate(CombineStep.Aggregate.Inputs.PARTIAL_AGGREGATES,
                false, List.of(fragment(new FinishAverage(0, 1))), 0, null, List.of(), -1, 0);
        assertThatThrownBy(() -> CombineSqlRenderer.combineQuery(aggregate, new Columns(List.of(25, 20)), List.of()))
                .isInstanceOfSatisfying(SqlStateException.class, e -> assertThat(e.sqlState()).isEqualTo("0A000"));
    }

    @Test
    void theUsersTextIsCopiedNeverSearchedForTheStepsOwnNames() {
        CombineStep.Aggregate aggregate = new CombineStep.Aggregate(CombineStep.Aggregate.Inputs.PULLED_ROWS, false,
                List.of(fragment(new Text("string_agg("), new TaskColumn(0), new Text(", '__dgINTERMEDIATE __dgcast0')"))),
                0, null, List.of(new SortKey(SqlFragment.text("__dgVISIBLE"), false, CombineStep.Nulls.DEFAULT)), -1,
                0);
        assertThat(CombineSqlRenderer.combineQuery(aggregate, new Columns(List.of(25)), List.of()).sql()).isEqualTo(
                "SELECT (string_agg(__dg0, '__dgINTERMEDIATE __dgcast0'))::o0 AS \"out0\" FROM "
                        + ONE_COLUMN.formatted(1) + " ORDER BY __dgVISIBLE");
    }

    @Test
    void coordinatorQueriesReadEachPulledTableFromItsArrayAfterTheUsersParameters() {
        CoordinatorPlan plan = new CoordinatorPlan(List.of(new CoordinatorPlan.Pull("\"public\".\"a\"", List.of()),
                new CoordinatorPlan.Pull("\"public\".\"b\"", List.of())), fragment(new Text("SELECT * FROM "),
                new PulledTable(1), new Text(" x JOIN "), new PulledTable(0), new Text(" AS \"a\" ON a.__dgrel0 = $2")));
        RenderedSql sql = CombineSqlRenderer.coordinatorQuery(plan, List.of("one", "two"));
        assertThat(sql.sql()).isEqualTo("SELECT * FROM (SELECT * FROM unnest($3::\"public\".\"b\"[])) x JOIN"
                + " (SELECT * FROM unnest($2::\"public\".\"a\"[])) AS \"a\" ON a.__dgrel0 = $1");
        assertThat(sql.parameters()).containsExactly("two");
        assertThat(CombineSqlRenderer.explain(plan)).isEqualTo("SELECT * FROM <rows of \"public\".\"b\"> x JOIN"
                + " <rows of \"public\".\"a\"> AS \"a\" ON a.__dgrel0 = $2");
    }

    @Test
    void explainWritesTheStepReadably() {
        CombineStep.Aggregate aggregate = new CombineStep.Aggregate(CombineStep.Aggregate.Inputs.PARTIAL_AGGREGATES,
                false, List.of(fragment(new TaskColumn(0)), fragment(new FinishAverage(1, 2))), 1, null,
                List.of(new SortKey(fragment(new TaskColumn(0)), true, CombineStep.Nulls.DEFAULT)), 5, 0);
        assertThat(CombineSqlRenderer.explain(aggregate)).isEqualTo("SELECT column1, sum(column2) / sum(column3)"
                + " FROM <task results> GROUP BY column1 ORDER BY column1 DESC LIMIT 5");
        CombineStep.Merge merge = new CombineStep.Merge(true, List.of(), List.of(
                new SortKey(fragment(new HiddenColumn(0)), false, CombineStep.Nulls.DEFAULT)), 1, -1, 0);
        assertThat(CombineSqlRenderer.explain(merge)).isEqualTo("SELECT DISTINCT <columns before sort_key1> FROM"
                + " <task results> ORDER BY sort_key1");
    }

    @Test
    void tasksBindOnlyTheParametersTheyUseRenumbered() {
        assertThat(ShardSql.task(1, "SELECT $3, '$1', $3 + $5", List.of("a", "b", "c", "d", "e")))
                .satisfies(task -> {
                    assertThat(task.sql()).isEqualTo("SELECT $1, '$1', $1 + $2");
                    assertThat(task.parameters()).containsExactly("c", "e");
                });
        assertThat(ShardSql.task(1, "SELECT $1, $2", List.of("a", "b", "c")).parameters()).containsExactly("a", "b");
    }
}
