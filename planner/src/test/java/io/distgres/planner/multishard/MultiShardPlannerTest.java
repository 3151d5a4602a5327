package io.distgres.planner.multishard;

import static org.assertj.core.api.Assertions.assertThat;

import io.distgres.planner.plan.Task;
import io.distgres.planner.router.RouterPlan;
import io.distgres.planner.router.RouterPlanner;
import io.distgres.planner.router.TestCatalog;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The multi-shard and coordinator tiers: the plan each statement gets, and why a tier declines. */
class MultiShardPlannerTest {
    private final RouterPlanner planner = new RouterPlanner();
    private final TestCatalog catalog = new TestCatalog();

    private RouterPlan plan(String sql, String... parameters) {
        return planner.plan(sql, Arrays.asList(parameters), catalog);
    }

    private RouterPlan.MultiShard multiShard(String sql, String... parameters) {
        RouterPlan plan = plan(sql, parameters);
        assertThat(plan).isInstanceOf(RouterPlan.MultiShard.class);
        return (RouterPlan.MultiShard) plan;
    }

    private RouterPlan.Combine.Query combineQuery(RouterPlan.MultiShard plan) {
        assertThat(plan.combine()).isInstanceOf(RouterPlan.Combine.Query.class);
        return (RouterPlan.Combine.Query) plan.combine();
    }

    @Test
    void plainScanRunsOnEveryShardAndConcatenates() {
        RouterPlan.MultiShard plan = multiShard("SELECT body FROM messages WHERE body <> 'x'");
        assertThat(plan.tasks()).hasSize(4).extracting(Task::sql).containsExactly(
                "SELECT body FROM \"public\".\"messages_100\" AS \"messages\" WHERE body <> 'x'",
                "SELECT body FROM \"public\".\"messages_101\" AS \"messages\" WHERE body <> 'x'",
                "SELECT body FROM \"public\".\"messages_102\" AS \"messages\" WHERE body <> 'x'",
                "SELECT body FROM \"public\".\"messages_103\" AS \"messages\" WHERE body <> 'x'");
        assertThat(plan.tasks()).extracting(Task::nodeId).containsExactly(1, 2, 1, 2);
        assertThat(plan.combine()).isEqualTo(new RouterPlan.Combine.Concatenate(-1, 0));
        assertThat(plan.writes()).isFalse();
    }

    @Test
    void limitWithoutOrderIsPushedAsLimitPlusOffsetAndCutOnTheCoordinator() {
        RouterPlan.MultiShard plan = multiShard("SELECT body FROM messages LIMIT $1 OFFSET 2", "5");
        assertThat(plan.tasks().get(0).sql()).endsWith("AS \"messages\" LIMIT 7");
        assertThat(plan.tasks().get(0).parameters()).isEmpty();
        assertThat(plan.combine()).isEqualTo(new RouterPlan.Combine.Concatenate(5, 2));
    }

    @Test
    void orderByLimitIsPushedDownAndMergedWithHiddenSortColumns() {
        RouterPlan.MultiShard plan = multiShard("SELECT body FROM messages ORDER BY id DESC NULLS LAST, 1 LIMIT 3");
        assertThat(plan.tasks().get(0).sql()).isEqualTo("SELECT body, id AS __dgh0 FROM \"public\".\"messages_100\""
                + " AS \"messages\" ORDER BY id DESC NULLS LAST, 1 LIMIT 3");
        RouterPlan.Combine.Query combine = combineQuery(plan);
        assertThat(combine.template()).isEqualTo("SELECT __dgVISIBLE FROM __dgINTERMEDIATE"
                + " ORDER BY __dgh0 DESC NULLS LAST, __dg0 LIMIT 3");
        assertThat(combine.hidden()).isEqualTo(1);
        assertThat(combine.describe()).isFalse();
    }

    @Test
    void groupByTheDistributionColumnIsAnsweredByEachShard() {
        RouterPlan.MultiShard plan = multiShard("SELECT user_id, count(*) FROM messages GROUP BY user_id");
        assertThat(plan.tasks().get(1).sql()).isEqualTo(
                "SELECT user_id, count(*) FROM \"public\".\"messages_101\" AS \"messages\" GROUP BY user_id");
        assertThat(plan.combine()).isInstanceOf(RouterPlan.Combine.Concatenate.class);
    }

    @Test
    void splittableAggregatesArePartialOnShardsAndFinishedOnTheCoordinator() {
        RouterPlan.MultiShard plan = multiShard("SELECT body, count(*), avg(id) FILTER (WHERE id > 0) FROM messages"
                + " GROUP BY body HAVING sum(id) > 10 ORDER BY 2 DESC");
        assertThat(plan.tier()).contains("partial aggregates");
        assertThat(plan.tasks().get(0).sql()).isEqualTo("SELECT body, count(*), sum(id) FILTER (WHERE id > 0),"
                + " count(id) FILTER (WHERE id > 0), sum(id) FROM \"public\".\"messages_100\" AS \"messages\""
                + " GROUP BY body");
        RouterPlan.Combine.Query combine = combineQuery(plan);
        assertThat(combine.template()).isEqualTo("SELECT (__dg0)__dgout0, (sum(__dg1)::int8)__dgout1,"
                + " (__dgavg2_3)__dgout2 FROM __dgINTERMEDIATE GROUP BY __dg0 HAVING sum(__dg4)__dgcast4 > 10"
                + " ORDER BY 2 DESC");
        assertThat(combine.describe()).isTrue();
    }

    @Test
    void otherAggregatesRunOnTheCoordinatorOverPulledArguments() {
        RouterPlan.MultiShard plan = multiShard("SELECT string_agg(DISTINCT body, ',' ORDER BY body),"
                + " percentile_cont(0.5) WITHIN GROUP (ORDER BY id) FROM messages");
        assertThat(plan.tier()).contains("rows pulled");
        assertThat(plan.tasks().get(0).sql()).isEqualTo(
                "SELECT body, id FROM \"public\".\"messages_100\" AS \"messages\"");
        assertThat(combineQuery(plan).template()).isEqualTo("SELECT (string_agg(DISTINCT __dg0, ',' ORDER BY __dg0))"
                + "__dgout0, (percentile_cont(0.5) WITHIN GROUP (ORDER BY __dg1))__dgout1 FROM __dgINTERMEDIATE");
    }

    @Test
    void colocatedJoinOnTheDistributionColumnIsPushedDownWithReferenceTables() {
        RouterPlan.MultiShard plan = multiShard("SELECT a.body, c.name FROM accounts a JOIN messages m"
                + " ON m.user_id = a.user_id JOIN countries c ON c.code = a.country");
        assertThat(plan.tasks().get(2).sql()).contains("\"accounts_202\" a").contains("\"messages_102\" m")
                .contains("\"countries_400\" c");
    }

    @Test
    void multiShardUpdateRunsEverywhereAndCountsRows() {
        RouterPlan.MultiShard plan = multiShard("UPDATE messages SET body = 'x' WHERE body IS NULL RETURNING id");
        assertThat(plan.writes()).isTrue();
        assertThat(plan.tasks()).hasSize(4);
        assertThat(plan.tasks().get(3).sql()).isEqualTo(
                "UPDATE \"public\".\"messages_103\" AS \"messages\" SET body = 'x' WHERE body IS NULL RETURNING id");
    }

    @Test
    void whatCannotBeSplitGoesToTheCoordinatorTierWithPushedFilters() {
        RouterPlan plan = plan("SELECT m.body, e.body FROM messages m JOIN events e ON e.id = m.id"
                + " WHERE m.body = $1 AND e.id > 3", "hello");
        assertThat(plan).isInstanceOf(RouterPlan.Coordinator.class);
        RouterPlan.Coordinator coordinator = (RouterPlan.Coordinator) plan;
        assertThat(coordinator.template()).isEqualTo("SELECT m.body, e.body FROM __dgrel0 m JOIN __dgrel1 e"
                + " ON e.id = m.id WHERE m.body = $1 AND e.id > 3");
        assertThat(coordinator.pulls()).hasSize(2);
        Task first = coordinator.pulls().get(0).tasks().get(0);
        assertThat(first.sql()).isEqualTo("SELECT \"id\", \"user_id\", \"body\" FROM \"public\".\"messages_100\""
                + " AS \"m\" WHERE (m.body = $1)");
        assertThat(first.parameters()).containsExactly("hello");
        assertThat(coordinator.pulls().get(1).tasks().get(0).sql()).endsWith("AS \"e\" WHERE (e.id > 3)");
        assertThat(coordinator.pulls().get(0).rowType()).isEqualTo("\"public\".\"messages\"");
    }

    @Test
    void tiersDeclineWithTheReason() {
        RouterPlan windowed = plan("SELECT id, rank() OVER (ORDER BY id) FROM messages");
        assertThat(windowed).isInstanceOf(RouterPlan.Coordinator.class);
        RouterPlan locked = plan("SELECT * FROM messages FOR UPDATE");
        assertThat(locked).isInstanceOfSatisfying(RouterPlan.NotApplicable.class,
                declined -> assertThat(declined.reason()).isNotBlank());
        RouterPlan nonColocatedUpdate = plan("UPDATE messages m SET body = e.body FROM events e WHERE e.id = m.id");
        assertThat(nonColocatedUpdate).isInstanceOfSatisfying(RouterPlan.NotApplicable.class,
                declined -> assertThat(declined.reason()).contains("not co-located"));
        assertThat(plan("UPDATE messages SET user_id = 5 WHERE user_id = 4")).isInstanceOfSatisfying(
                RouterPlan.NotApplicable.class, declined -> assertThat(declined.reason()).contains("\"user_id\""));
        RouterPlan reserved = plan("SELECT __dg0 FROM messages");
        assertThat(reserved).isInstanceOfSatisfying(RouterPlan.NotApplicable.class,
                declined -> assertThat(declined.reason()).isNotBlank());
    }
}
