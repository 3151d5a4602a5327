package io.distgres.planner.tier;

import static io.distgres.planner.catalog.TestCatalog.MESSAGES;
import static io.distgres.planner.catalog.TestCatalog.shardOf;
import static io.distgres.planner.plan.Tier.FAST_PATH;
import static io.distgres.planner.tier.TierAssertions.tier;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.distgres.planner.plan.RouterPlan;
import io.distgres.planner.plan.Task;
import io.distgres.planner.plan.Tier;
import io.distgres.planner.router.RoutingException;
import org.junit.jupiter.api.Test;

/** The fast path alone: one distributed table, {@code dist_col = constant / $n} as a top-level conjunct. */
class FastPathTierTest {
    private static String shard(long key) {
        return "\"public\".\"messages_" + shardOf(MESSAGES, key) + "\"";
    }

    @Test
    void pointSelectRunsOnTheShardOfItsKey() {
        RouterPlan plan = tier(FAST_PATH).on("SELECT * FROM messages WHERE user_id = 12345").plans(RouterPlan.class);
        assertThat(plan.tier()).isEqualTo(Tier.FAST_PATH);
        assertThat(plan.writes()).isFalse();
        assertThat(plan.placements()).isEqualTo(RouterPlan.Placements.SHARD_GROUPS);
        assertThat(plan.tasks()).extracting(Task::sql).containsExactly(
                "SELECT * FROM " + shard(12345) + " AS \"messages\" WHERE user_id = 12345");
        assertThat(plan.tasks().get(0).nodeId()).isEqualTo(MESSAGES.shards().stream()
                .filter(s -> s.shardId() == shardOf(MESSAGES, 12345)).findFirst().orElseThrow().nodeIds().get(0));
    }

    @Test
    void aBoundParameterPinsTheShardAndStaysAParameter() {
        RouterPlan plan = tier(FAST_PATH).on("SELECT body FROM messages m WHERE m.user_id = $1 AND body <> $2", "7", "x")
                .plans(RouterPlan.class);
        assertThat(plan.tasks()).singleElement().satisfies(task -> {
            assertThat(task.sql()).isEqualTo("SELECT body FROM " + shard(7) + " m WHERE m.user_id = $1 AND body <> $2");
            assertThat(task.parameters()).containsExactly("7", "x");
        });
    }

    @Test
    void theKeyMayBeWrittenAnyWayPostgresReadsAConstant() {
        for (String where : new String[] {"5 = user_id", "user_id = '5'", "user_id = 5::bigint",
                "messages.user_id = 5", "body <> 'x' AND (user_id = 5) AND id > 1"}) {
            RouterPlan plan = tier(FAST_PATH).on("SELECT body FROM messages WHERE " + where).plans(RouterPlan.class);
            assertThat(plan.tasks()).as(where).singleElement()
                    .satisfies(task -> assertThat(task.sql()).contains(shard(5)));
        }
        assertThat(tier(FAST_PATH).on("SELECT body FROM messages WHERE user_id = -5").plans(RouterPlan.class).tasks())
                .singleElement().satisfies(task -> assertThat(task.sql()).contains(shard(-5)));
    }

    @Test
    void anythingElseTheStatementDoesRunsOnThatOneShard() {
        for (String sql : new String[] {
            "SELECT body, count(*) FROM messages WHERE user_id = 3 GROUP BY body HAVING count(*) > 1 ORDER BY 2 LIMIT 3",
            "SELECT body FROM messages WHERE user_id = 3 FOR UPDATE",
            "SELECT DISTINCT body, (SELECT 1) FROM messages WHERE user_id = 3 ORDER BY body"}) {
            assertThat(tier(FAST_PATH).on(sql).plans(RouterPlan.class).tasks()).as(sql).hasSize(1);
        }
    }

    @Test
    void updatesAndDeletesOfOneKeyAreWrites() {
        RouterPlan update = tier(FAST_PATH).on("UPDATE messages SET body = $2 WHERE user_id = $1 RETURNING id", "9", "y")
                .plans(RouterPlan.class);
        assertThat(update.writes()).isTrue();
        assertThat(update.tasks()).singleElement().satisfies(task -> assertThat(task.sql())
                .isEqualTo("UPDATE " + shard(9) + " AS \"messages\" SET body = $2 WHERE user_id = $1 RETURNING id"));
        RouterPlan delete = tier(FAST_PATH).on("DELETE FROM messages m WHERE m.user_id = 3").plans(RouterPlan.class);
        assertThat(delete.writes()).isTrue();
        assertThat(delete.tasks()).singleElement().satisfies(task -> assertThat(task.sql()).contains(shard(3)));
    }

    @Test
    void aKeyPostgresWouldRejectFailsAsPostgresWould() {
        assertThatThrownBy(() -> tier(FAST_PATH).on("SELECT * FROM messages WHERE user_id = 'abc'"))
                .isInstanceOfSatisfying(RoutingException.class, e -> assertThat(e.sqlState()).isEqualTo("22P02"));
    }

    @Test
    void declinesStatementsOfMoreThanOneTable() {
        tier(FAST_PATH).on("SELECT * FROM messages m JOIN accounts a ON a.user_id = m.user_id WHERE m.user_id = 1")
                .declines("statements naming more than one table");
        tier(FAST_PATH).on("SELECT * FROM messages WHERE user_id = 1 AND id IN (SELECT id FROM accounts)")
                .declines("statements naming more than one table");
        tier(FAST_PATH).on("DELETE FROM messages USING accounts a WHERE a.user_id = messages.user_id AND messages.user_id = 3")
                .declines("statements naming more than one table");
    }

    @Test
    void declinesWhatDoesNotPinTheKeyByOneEquality() {
        String reason = "statements whose WHERE does not have user_id = constant as a top-level conjunct";
        tier(FAST_PATH).on("SELECT * FROM messages WHERE user_id IN (1, 2)").declines(reason);
        tier(FAST_PATH).on("SELECT * FROM messages WHERE user_id = 1 OR user_id = 2").declines(reason);
        tier(FAST_PATH).on("SELECT * FROM messages WHERE user_id = id").declines(reason);
        tier(FAST_PATH).on("SELECT * FROM messages m WHERE other.user_id = 1").declines(reason);
        tier(FAST_PATH).on("SELECT * FROM messages WHERE user_id = $1").declines(reason);
        tier(FAST_PATH).on("SELECT count(*) FROM messages")
                .declines("statements other than a SELECT, UPDATE or DELETE of one table with a WHERE");
        tier(FAST_PATH).on("SELECT * FROM messages WHERE user_id = $1", (String) null)
                .declines("a distribution column compared with NULL");
    }

    @Test
    void declinesReferenceTablesLocalTablesAndKeyUpdates() {
        tier(FAST_PATH).on("SELECT * FROM countries WHERE code = 'de'").declines("statements on reference tables");
        tier(FAST_PATH).on("SELECT * FROM messages m JOIN notes n ON n.id = m.id WHERE m.user_id = 1")
                .declines("statements mixing distributed tables and local table \"notes\"");
        tier(FAST_PATH).on("UPDATE messages SET user_id = 10 WHERE user_id = 9")
                .declines("UPDATEs of the distribution column \"user_id\" (rows cannot move between shards)");
    }
}
