package io.distgres.planner.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.distgres.planner.catalog.RoutedTable;
import io.distgres.planner.catalog.RoutingCatalog;
import io.distgres.planner.hashing.DistributionHasher;
import io.distgres.planner.hashing.DistributionType;
import io.distgres.planner.hashing.ShardRanges;
import io.distgres.planner.plan.Task;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RouterPlannerTest {
    private static final RoutedTable MESSAGES = TestCatalog.MESSAGES;
    private static final RoutedTable ACCOUNTS = TestCatalog.ACCOUNTS;

    private final RouterPlanner planner = new RouterPlanner();
    private final RoutingCatalog catalog = new TestCatalog();

    private static long shardOf(RoutedTable table, long key) {
        int hash = new DistributionHasher().hash(DistributionType.BIGINT, Long.toString(key));
        return table.shards().get(ShardRanges.shardIndexFor(hash, 4)).shardId();
    }

    private RouterPlan.Planned planned(String sql, String... params) {
        RouterPlan plan = planner.plan(sql, Arrays.asList(params), catalog);
        assertThat(plan).isInstanceOf(RouterPlan.Planned.class);
        return (RouterPlan.Planned) plan;
    }

    @Test
    void pointSelectGoesToTheShardOfItsKey() {
        RouterPlan.Planned plan = planned("SELECT * FROM messages WHERE user_id = 12345");
        assertThat(plan.tasks()).singleElement().satisfies(t -> assertThat(t.sql()).isEqualTo(
                "SELECT * FROM \"public\".\"messages_" + shardOf(MESSAGES, 12345) + "\" AS \"messages\" WHERE user_id = 12345"));
    }

    @Test
    void parameterPinsTheShardAndStaysAParameter() {
        RouterPlan.Planned plan = planned("SELECT body FROM messages m WHERE m.user_id = $1 AND body <> $2", "7", "x");
        assertThat(plan.tasks()).singleElement().satisfies(t -> {
            assertThat(t.sql()).contains("\"messages_" + shardOf(MESSAGES, 7) + "\" m WHERE");
            assertThat(t.parameters()).containsExactly("7", "x");
        });
    }

    @Test
    void inListTouchingSeveralShardsGivesOneTaskPerShard() {
        RouterPlan.Planned plan = planned("DELETE FROM messages WHERE user_id IN (1, 2, 3, 4, 5, 6, 7, 8)");
        assertThat(plan.tasks()).hasSizeGreaterThan(1);
        assertThat(plan.writes()).isTrue();
    }

    @Test
    void colocatedJoinOnTheKeyIsOneTask() {
        RouterPlan.Planned plan = planned("SELECT a.name FROM accounts a JOIN messages m ON m.user_id = a.user_id"
                + " JOIN countries c ON c.code = a.country WHERE a.user_id = 42");
        assertThat(plan.tasks()).singleElement().satisfies(t -> {
            assertThat(t.sql()).contains("messages_" + shardOf(MESSAGES, 42)).contains("accounts_" + shardOf(ACCOUNTS, 42))
                    .contains("countries_400");
        });
    }

    @Test
    void leavesMultiShardStatementsToTheNextTiers() {
        assertThat(planner.plan("SELECT count(*) FROM messages", List.of(), catalog))
                .isNotInstanceOf(RouterPlan.Planned.class);
        assertThat(planner.plan("SELECT * FROM messages WHERE user_id = 1 OR user_id = 2", List.of(), catalog))
                .isNotInstanceOf(RouterPlan.Planned.class);
        assertThat(planner.plan("SELECT * FROM messages m JOIN events e ON e.user_id = m.user_id WHERE m.user_id = 1",
                List.of(), catalog)).isNotInstanceOf(RouterPlan.Planned.class);
        assertThat(planner.plan("SELECT * FROM messages WHERE user_id = 1 UNION SELECT * FROM messages WHERE user_id = 2",
                List.of(), catalog)).isNotInstanceOf(RouterPlan.Planned.class);
        assertThat(planner.plan("SELECT user_id, count(*) FROM messages WHERE user_id IN (1, 2) GROUP BY 1",
                List.of(), catalog)).isNotInstanceOf(RouterPlan.Planned.class);
    }

    @Test
    void multiRowInsertIsSplitByShardWithSequenceValuesFilledIn() {
        RouterPlan.Planned plan = planned("INSERT INTO messages (user_id, body) VALUES (1, 'a'), ($1, 'b'), (3, $2)"
                + " RETURNING id", "2", "c");
        assertThat(plan.tasks()).hasSizeBetween(1, 3);
        String all = String.join("\n", plan.tasks().stream().map(Task::sql).toList());
        assertThat(all).contains("(user_id, body, \"id\")").contains("(1, 'a', 1001)").contains("RETURNING id");
        assertThat(plan.tasks()).allSatisfy(t -> assertThat(t.sql()).startsWith("INSERT INTO \"public\".\"messages_"));
        // each task only carries the parameters it uses, renumbered
        for (Task task : plan.tasks()) {
            if (task.sql().contains("'b'")) {
                assertThat(task.sql()).contains("($1, 'b', 1002)");
                assertThat(task.parameters()).startsWith("2");
            }
        }
    }

    @Test
    void nullOrMissingKeyIsRejectedLikePostgres() {
        assertThatThrownBy(() -> planner.plan("INSERT INTO messages (user_id) VALUES (NULL)", List.of(), catalog))
                .isInstanceOfSatisfying(RoutingException.class, e -> assertThat(e.sqlState()).isEqualTo("23502"));
        assertThatThrownBy(() -> planner.plan("INSERT INTO messages (body) VALUES ('x')", List.of(), catalog))
                .isInstanceOfSatisfying(RoutingException.class, e -> assertThat(e.sqlState()).isEqualTo("23502"));
        assertThatThrownBy(() -> planner.plan("SELECT * FROM messages WHERE user_id = 'abc'", List.of(), catalog))
                .isInstanceOfSatisfying(RoutingException.class, e -> assertThat(e.sqlState()).isEqualTo("22P02"));
    }

    @Test
    void referenceTableReadsUseOnePlacementAndWritesAll() {
        assertThat(planned("SELECT * FROM countries").tasks()).hasSize(1);
        assertThat(planned("UPDATE countries SET name = 'x' WHERE code = 'de'").tasks()).hasSize(2);
        assertThat(planned("INSERT INTO countries VALUES ('it', 'Italy')").tasks()).hasSize(2);
    }

    @Test
    void insertSelectOverNoDistributedTableRunsOnTheCoordinator() {
        RouterPlan plan = planner.plan("INSERT INTO messages (user_id, body) SELECT g, 'x' || g FROM generate_series(1, 10) g",
                List.of(), catalog);
        assertThat(plan).isEqualTo(new RouterPlan.InsertSelect("public", "messages", List.of("user_id", "body"),
                "SELECT g, 'x' || g FROM generate_series(1, 10) g", false));
        // not co-located: the SELECT runs through distgres's tiers, its rows load like a COPY
        assertThat(planner.plan("INSERT INTO messages SELECT * FROM events", List.of(), catalog)).isEqualTo(
                new RouterPlan.InsertSelect("public", "messages", List.of(), "SELECT * FROM events", true));
        // co-located and keeping the distribution column: every shard group inserts its own rows
        assertThat(planner.plan("INSERT INTO messages (user_id, body) SELECT a.user_id, a.body FROM accounts a",
                List.of(), catalog)).isInstanceOf(RouterPlan.MultiShard.class);
    }
}
