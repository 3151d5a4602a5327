package io.distgres.planner.tier;

import static io.distgres.planner.catalog.TestCatalog.ACCOUNTS;
import static io.distgres.planner.catalog.TestCatalog.MESSAGES;
import static io.distgres.planner.catalog.TestCatalog.shardOf;
import static io.distgres.planner.plan.Tier.ROUTER;
import static io.distgres.planner.tier.TierAssertions.tier;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.distgres.planner.catalog.TestCatalog;
import io.distgres.planner.plan.RouterPlan;
import io.distgres.planner.plan.Task;
import io.distgres.planner.plan.Tier;
import io.distgres.planner.router.RoutingException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The router tier alone: statements whose distributed tables are all pinned to the same shard groups. */
class RouterTierTest {

    @Test
    void pointSelectGoesToTheShardOfItsKey() {
        RouterPlan plan = tier(ROUTER).on("SELECT * FROM messages WHERE user_id = 12345").plans(RouterPlan.class);
        assertThat(plan.tier()).isEqualTo(Tier.ROUTER);
        assertThat(plan.tasks()).extracting(Task::sql).containsExactly("SELECT * FROM \"public\".\"messages_"
                + shardOf(MESSAGES, 12345) + "\" AS \"messages\" WHERE user_id = 12345");
    }

    @Test
    void inListTouchingSeveralShardsGivesOneTaskPerShard() {
        RouterPlan plan = tier(ROUTER).on("DELETE FROM messages WHERE user_id IN (1, 2, 3, 4, 5, 6, 7, 8)")
                .plans(RouterPlan.class);
        assertThat(plan.tasks()).hasSizeGreaterThan(1);
        assertThat(plan.tasks()).extracting(Task::sql).doesNotHaveDuplicates();
        assertThat(plan.writes()).isTrue();
    }

    @Test
    void colocatedJoinOnTheKeyIsOneTaskWithTheReferenceTable() {
        RouterPlan plan = tier(ROUTER).on("SELECT a.name FROM accounts a JOIN messages m ON m.user_id = a.user_id"
                + " JOIN countries c ON c.code = a.country WHERE a.user_id = 42").plans(RouterPlan.class);
        assertThat(plan.tasks()).singleElement().satisfies(task -> assertThat(task.sql())
                .contains("messages_" + shardOf(MESSAGES, 42)).contains("accounts_" + shardOf(ACCOUNTS, 42))
                .contains("countries_400"));
        assertThat(plan.placements()).isEqualTo(RouterPlan.Placements.SHARD_GROUPS);
    }

    @Test
    void multiRowInsertIsSplitByShardWithSequenceValuesFilledIn() {
        RouterPlan plan = tier(ROUTER).on("INSERT INTO messages (user_id, body) VALUES (1, 'a'), ($1, 'b'), (3, $2)"
                + " RETURNING id", "2", "c").plans(RouterPlan.class);
        assertThat(plan.writes()).isTrue();
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
    void nullOrMissingKeysAreRejectedLikePostgres() {
        assertThatThrownBy(() -> tier(ROUTER).on("INSERT INTO messages (user_id) VALUES (NULL)"))
                .isInstanceOfSatisfying(RoutingException.class, e -> assertThat(e.sqlState()).isEqualTo("23502"));
        assertThatThrownBy(() -> tier(ROUTER).on("INSERT INTO messages (body) VALUES ('x')"))
                .isInstanceOfSatisfying(RoutingException.class, e -> assertThat(e.sqlState()).isEqualTo("23502"));
        assertThatThrownBy(() -> tier(ROUTER).on("SELECT * FROM messages WHERE user_id IN ('abc')"))
                .isInstanceOfSatisfying(RoutingException.class, e -> assertThat(e.sqlState()).isEqualTo("22P02"));
    }

    @Test
    void referenceTableReadsUseOnePlacementAndWritesAll() {
        RouterPlan read = tier(ROUTER).on("SELECT * FROM countries").plans(RouterPlan.class);
        assertThat(read.tasks()).hasSize(1);
        assertThat(read.placements()).isEqualTo(RouterPlan.Placements.ANY_REFERENCE_PLACEMENT);
        RouterPlan update = tier(ROUTER).on("UPDATE countries SET body = 'x' WHERE body = 'de'").plans(RouterPlan.class);
        assertThat(update.tasks()).extracting(Task::nodeId).containsExactly(1, 2);
        assertThat(update.replicated()).isTrue();
        RouterPlan insert = tier(ROUTER).on("INSERT INTO countries VALUES (1, 2, 'Italy')").plans(RouterPlan.class);
        assertThat(insert.placements()).isEqualTo(RouterPlan.Placements.EVERY_REFERENCE_PLACEMENT);
        assertThat(insert.tasks()).hasSize(2);
        assertThat(tier(ROUTER).on("UPDATE countries SET name = 'x' WHERE code = 'de'").plans(RouterPlan.class).tasks())
                .hasSize(2);
        assertThat(tier(ROUTER).on("INSERT INTO countries VALUES ('it', 'Italy')").plans(RouterPlan.class).tasks())
                .hasSize(2);
    }

    @Test
    void declinesWhatIsNotPinnedToOneShardGroup() {
        tier(ROUTER).on("SELECT count(*) FROM messages").declines("statements on \"messages\" that do not pin its"
                + " distribution column \"user_id\" to constants (multi-shard queries)");
        tier(ROUTER).on("SELECT * FROM messages WHERE user_id = 1 OR user_id = 2").declines("statements on"
                + " \"messages\" that do not pin its distribution column \"user_id\" to constants (multi-shard queries)");
        tier(ROUTER).on("SELECT * FROM messages m JOIN events e ON e.user_id = m.user_id WHERE m.user_id = 1")
                .declines("joins between tables that are not co-located");
        tier(ROUTER).on("SELECT user_id, count(*) FROM messages WHERE user_id IN (1, 2) GROUP BY 1")
                .declines("queries over several shards that need a combine step");
        tier(ROUTER).on("SELECT * FROM messages m JOIN accounts a ON a.user_id = 1 WHERE m.user_id = 2")
                .declines("co-located tables pinned to different shards");
    }

    @Test
    void leavesSetOperationsWithAndValuesToTheCoordinatorTier() {
        assertThat(TierAssertions.input("SELECT * FROM messages WHERE user_id = 1 UNION SELECT * FROM messages"
                + " WHERE user_id = 2", List.of(), new TestCatalog()).kind())
                .isEqualTo(StatementKind.OTHER_QUERY);
        assertThat(new RouterTier().handles(StatementKind.OTHER_QUERY)).isFalse();
        assertThat(new RouterTier().handles(StatementKind.INSERT_SELECT)).isFalse();
    }

    @Test
    void declinesInsertsItCannotSplitByKey() {
        tier(ROUTER).on("INSERT INTO messages (user_id, body) VALUES (1 + 1, 'x')")
                .declines("INSERT whose distribution column value is an expression");
        tier(ROUTER).on("INSERT INTO messages DEFAULT VALUES").declines("INSERT ... DEFAULT VALUES");
    }

    @Test
    void declinesWritesToReferenceTablesJoinedWithShardsKeyUpdatesAndLocalTables() {
        tier(ROUTER).on("UPDATE countries c SET body = m.body FROM messages m WHERE m.user_id = 1")
                .declines("writes to reference tables joined with distributed tables");
        tier(ROUTER).on("UPDATE messages SET user_id = 5 WHERE user_id = 4")
                .declines("UPDATEs of the distribution column \"user_id\" (rows cannot move between shards)");
        tier(ROUTER).on("SELECT * FROM messages m JOIN notes n ON n.id = m.id WHERE m.user_id = 1")
                .declines("statements mixing distributed tables and local table \"notes\"");
    }

    @Test
    void parametersThatAreNotBoundLeaveTheKeyUnpinned() {
        assertThat(tier(ROUTER).on("SELECT * FROM messages WHERE user_id = $1", "4").plans(RouterPlan.class).tasks())
                .hasSize(1);
        tier(ROUTER).on("SELECT * FROM messages WHERE user_id = $2", "4").declines("statements on \"messages\" that do"
                + " not pin its distribution column \"user_id\" to constants (multi-shard queries)");
    }
}
