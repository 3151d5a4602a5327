package io.distgres.planner.tier;

import static io.distgres.planner.plan.Tier.MULTI_SHARD;
import static io.distgres.planner.tier.TierAssertions.tier;
import static org.assertj.core.api.Assertions.assertThat;

import io.distgres.planner.plan.CombineStep;
import io.distgres.planner.plan.CombineStep.SortKey;
import io.distgres.planner.plan.MultiShardPlan;
import io.distgres.planner.plan.SqlFragment;
import io.distgres.planner.plan.SqlFragment.FinalAggregate;
import io.distgres.planner.plan.SqlFragment.FinishAggregate;
import io.distgres.planner.plan.SqlFragment.FinishAverage;
import io.distgres.planner.plan.SqlFragment.HiddenColumn;
import io.distgres.planner.plan.SqlFragment.TaskColumn;
import io.distgres.planner.plan.SqlFragment.Text;
import io.distgres.planner.plan.Task;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The multi-shard tier alone: the tasks each statement runs on every shard group and its typed combine step. */
class MultiShardTierTest {

    private static SqlFragment fragment(SqlFragment.Piece... pieces) {
        return new SqlFragment(List.of(pieces));
    }

    @Test
    void plainScanRunsOnEveryShardAndConcatenates() {
        MultiShardPlan plan = tier(MULTI_SHARD).on("SELECT body FROM messages WHERE body <> 'x'")
                .plans(MultiShardPlan.class);
        assertThat(plan.tasks()).extracting(Task::sql).containsExactly(
                "SELECT body FROM \"public\".\"messages_100\" AS \"messages\" WHERE body <> 'x'",
                "SELECT body FROM \"public\".\"messages_101\" AS \"messages\" WHERE body <> 'x'",
                "SELECT body FROM \"public\".\"messages_102\" AS \"messages\" WHERE body <> 'x'",
                "SELECT body FROM \"public\".\"messages_103\" AS \"messages\" WHERE body <> 'x'");
        assertThat(plan.tasks()).extracting(Task::nodeId).containsExactly(1, 2, 1, 2);
        assertThat(plan.combine()).isEqualTo(new CombineStep.Concatenate(-1, 0));
        assertThat(plan.operation()).isEqualTo(MultiShardPlan.Operation.SELECT);
        assertThat(plan.writes()).isFalse();
    }

    @Test
    void limitWithoutOrderIsPushedAsLimitPlusOffsetAndCutOnTheCoordinator() {
        MultiShardPlan plan = tier(MULTI_SHARD).on("SELECT body FROM messages LIMIT $1 OFFSET 2", "5")
                .plans(MultiShardPlan.class);
        assertThat(plan.tasks().get(0).sql()).endsWith("AS \"messages\" LIMIT 7");
        assertThat(plan.tasks().get(0).parameters()).isEmpty();
        assertThat(plan.combine()).isEqualTo(new CombineStep.Concatenate(5, 2));
    }

    @Test
    void orderByLimitIsPushedDownAndMergedWithHiddenSortColumns() {
        MultiShardPlan plan = tier(MULTI_SHARD).on("SELECT body FROM messages ORDER BY id DESC NULLS LAST, 1 LIMIT 3")
                .plans(MultiShardPlan.class);
        assertThat(plan.tasks().get(0).sql()).isEqualTo("SELECT body, id AS __dgh0 FROM \"public\".\"messages_100\""
                + " AS \"messages\" ORDER BY id DESC NULLS LAST, 1 LIMIT 3");
        assertThat(plan.combine()).isEqualTo(new CombineStep.Merge(false, List.of(), List.of(
                new SortKey(fragment(new HiddenColumn(0)), true, CombineStep.Nulls.LAST),
                new SortKey(fragment(new TaskColumn(0)), false, CombineStep.Nulls.DEFAULT)), 1, 3, 0));
    }

    @Test
    void hiddenSortColumnsNeverTakeANameTheStatementUses() {
        MultiShardPlan plan = tier(MULTI_SHARD).on("SELECT body AS __dgh0 FROM messages ORDER BY id, __dgh0 LIMIT 3")
                .plans(MultiShardPlan.class);
        assertThat(plan.tasks().get(0).sql()).isEqualTo("SELECT body AS __dgh0, id AS ___dgh0 FROM"
                + " \"public\".\"messages_100\" AS \"messages\" ORDER BY id, __dgh0 LIMIT 3");
    }

    @Test
    void distinctOnKeepsTheFirstRowOfEachKeyInOrder() {
        MultiShardPlan plan = tier(MULTI_SHARD).on("SELECT DISTINCT ON (body) body, id FROM messages ORDER BY body,"
                + " id DESC").plans(MultiShardPlan.class);
        assertThat(plan.tasks().get(0).sql()).endsWith("ORDER BY body, id DESC");
        assertThat(plan.combine()).isEqualTo(new CombineStep.Merge(false, List.of(0), List.of(
                new SortKey(fragment(new TaskColumn(0)), false, CombineStep.Nulls.DEFAULT),
                new SortKey(fragment(new TaskColumn(1)), true, CombineStep.Nulls.DEFAULT)), 0, -1, 0));
    }

    @Test
    void groupByTheDistributionColumnIsAnsweredByEachShard() {
        MultiShardPlan plan = tier(MULTI_SHARD).on("SELECT user_id, count(*) FROM messages GROUP BY user_id")
                .plans(MultiShardPlan.class);
        assertThat(plan.tasks().get(1).sql()).isEqualTo(
                "SELECT user_id, count(*) FROM \"public\".\"messages_101\" AS \"messages\" GROUP BY user_id");
        assertThat(plan.combine()).isEqualTo(new CombineStep.Concatenate(-1, 0));
    }

    @Test
    void splittableAggregatesArePartialOnShardsAndFinishedOnTheCoordinator() {
        MultiShardPlan plan = tier(MULTI_SHARD).on("SELECT body, count(*), avg(id) FILTER (WHERE id > 0) FROM messages"
                + " GROUP BY body HAVING sum(id) > $1 ORDER BY 2 DESC LIMIT 10", "7").plans(MultiShardPlan.class);
        assertThat(plan.tasks().get(0).sql()).isEqualTo("SELECT body, count(*), sum(id) FILTER (WHERE id > 0),"
                + " count(id) FILTER (WHERE id > 0), sum(id) FROM \"public\".\"messages_100\" AS \"messages\""
                + " GROUP BY body");
        assertThat(plan.combine()).isEqualTo(new CombineStep.Aggregate(
                CombineStep.Aggregate.Inputs.PARTIAL_AGGREGATES, false,
                List.of(fragment(new TaskColumn(0)), fragment(new FinishAggregate(FinalAggregate.COUNT, 1)),
                        fragment(new FinishAverage(2, 3))),
                1, fragment(new FinishAggregate(FinalAggregate.SUM, 4), new Text(" > $1")),
                List.of(new SortKey(SqlFragment.text("2"), true, CombineStep.Nulls.DEFAULT)), 10, 0));
    }

    @Test
    void aConstantInHavingStaysTheUsersText() {
        MultiShardPlan plan = tier(MULTI_SHARD).on("SELECT body, count(*), avg(id) FILTER (WHERE id > 0) FROM messages"
                + " GROUP BY body HAVING sum(id) > 10 ORDER BY 2 DESC").plans(MultiShardPlan.class);
        assertThat(plan.tasks().get(0).sql()).isEqualTo("SELECT body, count(*), sum(id) FILTER (WHERE id > 0),"
                + " count(id) FILTER (WHERE id > 0), sum(id) FROM \"public\".\"messages_100\" AS \"messages\""
                + " GROUP BY body");
        assertThat(plan.combine()).isEqualTo(new CombineStep.Aggregate(
                CombineStep.Aggregate.Inputs.PARTIAL_AGGREGATES, false,
                List.of(fragment(new TaskColumn(0)), fragment(new FinishAggregate(FinalAggregate.COUNT, 1)),
                        fragment(new FinishAverage(2, 3))),
                1, fragment(new FinishAggregate(FinalAggregate.SUM, 4), new Text(" > 10")),
                List.of(new SortKey(SqlFragment.text("2"), true, CombineStep.Nulls.DEFAULT)), -1, 0));
    }

    @Test
    void otherAggregatesRunOnTheCoordinatorOverPulledArguments() {
        MultiShardPlan plan = tier(MULTI_SHARD).on("SELECT string_agg(DISTINCT body, ',' ORDER BY body),"
                + " percentile_cont(0.5) WITHIN GROUP (ORDER BY id) FROM messages").plans(MultiShardPlan.class);
        assertThat(plan.tasks().get(0).sql()).isEqualTo(
                "SELECT body, id FROM \"public\".\"messages_100\" AS \"messages\"");
        CombineStep.Aggregate combine = (CombineStep.Aggregate) plan.combine();
        assertThat(combine.inputs()).isEqualTo(CombineStep.Aggregate.Inputs.PULLED_ROWS);
        assertThat(combine.groupKeys()).isZero();
        assertThat(combine.outputs()).containsExactly(
                fragment(new Text("string_agg(DISTINCT "), new TaskColumn(0), new Text(", ',' ORDER BY "),
                        new TaskColumn(0), new Text(")")),
                fragment(new Text("percentile_cont(0.5) WITHIN GROUP (ORDER BY "), new TaskColumn(1), new Text(")")));
    }

    @Test
    void colocatedJoinOnTheDistributionColumnIsPushedDownWithReferenceTables() {
        MultiShardPlan plan = tier(MULTI_SHARD).on("SELECT a.body, c.body FROM accounts a JOIN messages m"
                + " ON m.user_id = a.user_id JOIN countries c ON c.id = a.id").plans(MultiShardPlan.class);
        assertThat(plan.tasks().get(2).sql()).contains("\"accounts_202\" a").contains("\"messages_102\" m")
                .contains("\"countries_400\" c");
        MultiShardPlan joinedByCode = tier(MULTI_SHARD).on("SELECT a.body, c.name FROM accounts a JOIN messages m"
                + " ON m.user_id = a.user_id JOIN countries c ON c.code = a.country").plans(MultiShardPlan.class);
        assertThat(joinedByCode.tasks().get(2).sql()).contains("\"accounts_202\" a").contains("\"messages_102\" m")
                .contains("\"countries_400\" c");
    }

    @Test
    void multiShardUpdateRunsEverywhereAndItsCountsAddUp() {
        MultiShardPlan plan = tier(MULTI_SHARD).on("UPDATE messages SET body = 'x' WHERE body IS NULL RETURNING id")
                .plans(MultiShardPlan.class);
        assertThat(plan.operation()).isEqualTo(MultiShardPlan.Operation.MODIFICATION);
        assertThat(plan.writes()).isTrue();
        assertThat(plan.tasks()).hasSize(4);
        assertThat(plan.tasks().get(3).sql()).isEqualTo(
                "UPDATE \"public\".\"messages_103\" AS \"messages\" SET body = 'x' WHERE body IS NULL RETURNING id");
        assertThat(plan.combine()).isEqualTo(new CombineStep.Concatenate(-1, 0));
    }

    @Test
    void colocatedInsertSelectKeepingTheKeyRunsPerShardGroup() {
        MultiShardPlan plan = tier(MULTI_SHARD).on("INSERT INTO messages (user_id, body) SELECT a.user_id, a.body"
                + " FROM accounts a").plans(MultiShardPlan.class);
        assertThat(plan.operation()).isEqualTo(MultiShardPlan.Operation.INSERT_SELECT);
        assertThat(plan.tasks().get(0).sql()).isEqualTo("INSERT INTO \"public\".\"messages_100\" AS \"messages\""
                + " (user_id, body) SELECT a.user_id, a.body FROM \"public\".\"accounts_200\" a");
    }

    @Test
    void identifiersContainingTheCombineStepsOwnNamesAreOrdinaryText() {
        MultiShardPlan plan = tier(MULTI_SHARD).on("SELECT __dg0, sum(id) AS __dgcast1 FROM messages GROUP BY __dg0"
                + " HAVING sum(id) > 0 ORDER BY __dgcast1").plans(MultiShardPlan.class);
        CombineStep.Aggregate combine = (CombineStep.Aggregate) plan.combine();
        assertThat(combine.orderBy()).containsExactly(new SortKey(SqlFragment.text("__dgcast1"), false,
                CombineStep.Nulls.DEFAULT));
        assertThat(plan.tasks().get(0).sql()).startsWith("SELECT __dg0, sum(id), sum(id) FROM");
    }

    @Test
    void declinesWhatTheShardsCannotAnswerForTheirOwnRows() {
        tier(MULTI_SHARD).on("SELECT id, rank() OVER (ORDER BY id) FROM messages")
                .declines("window functions not partitioned by the distribution column");
        tier(MULTI_SHARD).on("SELECT * FROM messages m JOIN events e ON e.user_id = m.user_id")
                .declines("joins between tables that are not co-located (\"messages\" and \"events\")");
        tier(MULTI_SHARD).on("SELECT * FROM messages m JOIN accounts a ON a.id = m.id")
                .declines("joins of distributed tables not on their distribution columns");
        tier(MULTI_SHARD).on("SELECT * FROM messages WHERE id IN (SELECT id FROM accounts)")
                .declines("subqueries over distributed table \"accounts\"");
        tier(MULTI_SHARD).on("SELECT body FROM messages UNION SELECT body FROM accounts ORDER BY 1")
                .declines("set operations (UNION, INTERSECT, EXCEPT) or VALUES over distributed tables");
        tier(MULTI_SHARD).on("SELECT * FROM countries").declines("statements over reference tables only");
    }

    @Test
    void declinesWhatItCannotCombineExactly() {
        tier(MULTI_SHARD).on("SELECT body, count(*) FROM messages GROUP BY id")
                .declines("column \"body\" outside GROUP BY and aggregates");
        tier(MULTI_SHARD).on("SELECT body, count(*) FROM messages GROUP BY 3")
                .declines("ORDER BY/GROUP BY position 3 out of range");
        tier(MULTI_SHARD).on("SELECT body FROM messages ORDER BY id LIMIT $1")
                .declines("LIMIT/OFFSET that are not integer constants");
        tier(MULTI_SHARD).on("SELECT DISTINCT body FROM messages ORDER BY id")
                .declines("ORDER BY expressions outside the select list of DISTINCT");
        tier(MULTI_SHARD).on("SELECT body, (SELECT 1) FROM messages GROUP BY body")
                .declines("subqueries in the select list, HAVING or ORDER BY of an aggregate query across shards");
    }

    @Test
    void declinesWritesItCannotRunPerShardGroup() {
        tier(MULTI_SHARD).on("UPDATE messages m SET body = e.body FROM events e WHERE e.id = m.id")
                .declines("joins between tables that are not co-located (\"messages\" and \"events\")");
        tier(MULTI_SHARD).on("UPDATE messages SET user_id = 5 WHERE user_id = 4")
                .declines("UPDATEs of the distribution column \"user_id\" (rows cannot move between shards)");
        tier(MULTI_SHARD).on("INSERT INTO messages (user_id, body) SELECT user_id, body FROM events")
                .declines("INSERT ... SELECT between tables that are not co-located");
        tier(MULTI_SHARD).on("DELETE FROM messages USING notes n WHERE n.id = messages.id")
                .declines("statements mixing distributed tables and local table \"notes\"");
    }
}
