package io.distgres.planner.tier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.distgres.planner.catalog.TestCatalog;
import io.distgres.planner.plan.CoordinatorPlan;
import io.distgres.planner.plan.DistributedPlan;
import io.distgres.planner.plan.InsertSelectPlan;
import io.distgres.planner.plan.MultiShardPlan;
import io.distgres.planner.plan.PlanningOutcome;
import io.distgres.planner.plan.RouterPlan;
import io.distgres.planner.plan.Tier;
import io.distgres.planner.router.RoutingException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The ladder: the cheapest tier that can plan a statement plans it, and the last one to decline names why. */
class TierLadderTest {
    private final DistributedPlanner planner = new DistributedPlanner();
    private final TestCatalog catalog = new TestCatalog();

    private PlanningOutcome plan(String sql, String... parameters) {
        return planner.plan(sql, Arrays.asList(parameters), catalog);
    }

    private Tier tierOf(String sql, String... parameters) {
        PlanningOutcome outcome = plan(sql, parameters);
        assertThat(outcome).as(sql).isInstanceOf(PlanningOutcome.Planned.class);
        return ((PlanningOutcome.Planned) outcome).plan().tier();
    }

    @Test
    void theCheapestTierThatCanPlanAStatementPlansIt() {
        assertThat(tierOf("SELECT * FROM messages WHERE user_id = $1", "5")).isEqualTo(Tier.FAST_PATH);
        assertThat(tierOf("SELECT * FROM messages WHERE user_id IN (1, 2)")).isEqualTo(Tier.ROUTER);
        assertThat(tierOf("SELECT * FROM messages m JOIN accounts a ON a.user_id = m.user_id WHERE m.user_id = 5"))
                .isEqualTo(Tier.ROUTER);
        assertThat(tierOf("INSERT INTO messages (user_id, body) VALUES (1, 'x')")).isEqualTo(Tier.ROUTER);
        assertThat(tierOf("SELECT count(*) FROM messages")).isEqualTo(Tier.MULTI_SHARD);
        assertThat(tierOf("SELECT * FROM messages m JOIN events e ON e.id = m.id")).isEqualTo(Tier.COORDINATOR);
        assertThat(tierOf("SELECT body FROM messages UNION SELECT body FROM events")).isEqualTo(Tier.COORDINATOR);
        assertThat(((PlanningOutcome.Planned) plan("INSERT INTO messages SELECT * FROM events")).plan())
                .isInstanceOf(InsertSelectPlan.class);
    }

    @Test
    void whenEveryTierDeclinesTheLastOneThatHandlesTheStatementNamesTheConstruct() {
        // UPDATE / DELETE: the multi-shard tier is the last to try
        assertThat(plan("UPDATE messages m SET body = e.body FROM events e WHERE e.id = m.id")).isEqualTo(
                new PlanningOutcome.NotApplicable("joins between tables that are not co-located (\"messages\" and"
                        + " \"events\")"));
        // SELECT: the coordinator tier
        assertThat(plan("SELECT * FROM messages FOR UPDATE"))
                .isEqualTo(new PlanningOutcome.NotApplicable("SELECT ... FOR UPDATE/SHARE over several shards"));
        // INSERT ... VALUES: only the router
        assertThat(plan("INSERT INTO messages (user_id, body) VALUES (1 + 1, 'x')")).isEqualTo(
                new PlanningOutcome.NotApplicable("INSERT whose distribution column value is an expression"));
        assertThat(plan("UPDATE messages SET user_id = 5 WHERE user_id = 4")).isEqualTo(new PlanningOutcome
                .NotApplicable("UPDATEs of the distribution column \"user_id\" (rows cannot move between shards)"));
        assertThat(plan("UPDATE messages SET body = n.body FROM notes n WHERE n.id = messages.id")).isEqualTo(
                new PlanningOutcome.NotApplicable("statements mixing distributed tables and local table \"notes\""));
    }

    @Test
    void insertSelectRunsPerShardGroupWhenColocatedElseItsSelectRunsFirst() {
        assertThat(plan("INSERT INTO messages (user_id, body) SELECT g, 'x' || g FROM generate_series(1, 10) g"))
                .isEqualTo(new PlanningOutcome.Planned(new InsertSelectPlan("public", "messages",
                        List.of("user_id", "body"), "SELECT g, 'x' || g FROM generate_series(1, 10) g", false)));
        // not co-located: the SELECT runs through distgres's tiers, its rows load like a COPY
        assertThat(plan("INSERT INTO messages SELECT * FROM events")).isEqualTo(new PlanningOutcome.Planned(
                new InsertSelectPlan("public", "messages", List.of(), "SELECT * FROM events", true)));
        // co-located and keeping the distribution column: every shard group inserts its own rows
        assertThat(((PlanningOutcome.Planned) plan("INSERT INTO messages (user_id, body) SELECT a.user_id, a.body"
                + " FROM accounts a")).plan()).isInstanceOf(MultiShardPlan.class);
    }

    @Test
    void setOperationsOfPinnedSelectsAreNotRoutedAsOne() {
        assertThat(tierOf("SELECT * FROM messages WHERE user_id = 1 UNION SELECT * FROM messages WHERE user_id = 2"))
                .isEqualTo(Tier.COORDINATOR);
    }

    @Test
    void aKeyPostgresWouldRejectFailsWithItsSqlState() {
        assertThatThrownBy(() -> plan("SELECT * FROM messages WHERE user_id = 'abc'"))
                .isInstanceOfSatisfying(RoutingException.class, e -> assertThat(e.sqlState()).isEqualTo("22P02"));
        assertThatThrownBy(() -> plan("INSERT INTO messages (user_id) VALUES (NULL)"))
                .isInstanceOfSatisfying(RoutingException.class, e -> assertThat(e.sqlState()).isEqualTo("23502"));
    }

    @Test
    void statementsMayUseTheNamesTheCombineStepUsesInternally() {
        // once refused ("statements containing the reserved text __dg"): combine steps are typed data now
        assertThat(tierOf("SELECT __dg0 FROM messages")).isEqualTo(Tier.MULTI_SHARD);
        assertThat(tierOf("SELECT body AS __dg_x, count(*) AS __dgout0 FROM messages GROUP BY body"
                + " ORDER BY __dg_x"))
                .isEqualTo(Tier.MULTI_SHARD);
        assertThat(tierOf("SELECT m.body AS __dgrel0 FROM messages m JOIN events e ON e.id = m.id"))
                .isEqualTo(Tier.COORDINATOR);
    }

    @Test
    void eachStatementTextIsParsedOnce() {
        DistributedPlanner fresh = new DistributedPlanner();
        fresh.plan("SELECT * FROM messages WHERE user_id IN ($1, 5)", List.of("1"), catalog);
        fresh.plan("SELECT * FROM messages WHERE user_id IN ($1, 5)", List.of("2"), catalog);
        fresh.plan("SELECT * FROM notes", List.of(), catalog);
        assertThat(fresh.parsedStatementStats().missCount()).isEqualTo(2);
        assertThat(fresh.parsedStatementStats().hitCount()).isEqualTo(1);
    }

    @Test
    void aShapeAlreadyOnTheFastPathIsNotParsedAgain() {
        DistributedPlanner fresh = new DistributedPlanner();
        fresh.plan("SELECT * FROM messages WHERE user_id = $1", List.of("1"), catalog);
        fresh.plan("SELECT * FROM messages WHERE user_id = $1", List.of("2"), catalog);
        fresh.plan("SELECT * FROM messages WHERE user_id = 3", List.of(), catalog);
        fresh.plan("SELECT * FROM messages WHERE user_id = 4", List.of(), catalog);
        assertThat(fresh.parsedStatementStats().missCount()).isEqualTo(2);
        assertThat(fresh.parsedStatementStats().hitCount()).isZero();
        assertThat(fresh.fastPathRouteStats().hitCount()).isEqualTo(2);
    }

    @Test
    void statementsTheParserRejectsAndStatementsOnLocalTablesNeverReachATier() {
        assertThat(plan("SELECT FROM WHERE messages")).isInstanceOfSatisfying(PlanningOutcome.NotApplicable.class,
                declined -> assertThat(declined.reason()).startsWith("statements distgres's parser does not accept"
                        + " yet (syntax error"));
        assertThat(plan("SELECT * FROM notes WHERE id = 1")).isEqualTo(new PlanningOutcome.Local());
    }

    @Test
    void theLadderAsksOnlyTiersThatHandleTheKindInOrderAndStopsAtTheFirstPlan() {
        List<Tier> asked = new ArrayList<>();
        DistributedPlan plan = new RouterPlan(Tier.ROUTER, List.of(), false, RouterPlan.Placements.SHARD_GROUPS);
        TierLadder ladder = new TierLadder(List.of(
                new FakeTier(Tier.FAST_PATH, Set.of(StatementKind.UPDATE), null, asked),
                new FakeTier(Tier.ROUTER, Set.of(StatementKind.SELECT), null, asked),
                new FakeTier(Tier.MULTI_SHARD, Set.of(StatementKind.SELECT), plan, asked),
                new FakeTier(Tier.COORDINATOR, Set.of(StatementKind.SELECT), null, asked)));
        PlanningInput input = TierAssertions.input("SELECT * FROM messages", List.of(), catalog);
        assertThat(ladder.plan(input)).isEqualTo(new PlanningOutcome.Planned(plan));
        assertThat(asked).containsExactly(Tier.ROUTER, Tier.MULTI_SHARD);
    }

    @Test
    void whenNoTierHandlesTheKindTheStatementKindIsTheReason() {
        TierLadder ladder = new TierLadder(List.of(new FakeTier(Tier.ROUTER, Set.of(StatementKind.UPDATE), null,
                new ArrayList<>())));
        PlanningInput input = TierAssertions.input("SELECT * FROM messages", List.of(), catalog);
        assertThat(ladder.plan(input)).isEqualTo(new PlanningOutcome.NotApplicable("this kind of statement"));
        ladder = new TierLadder(List.of(new FakeTier(Tier.ROUTER, Set.of(StatementKind.SELECT), null,
                new ArrayList<>()), new FakeTier(Tier.COORDINATOR, Set.of(StatementKind.SELECT), null,
                new ArrayList<>())));
        assertThat(ladder.plan(input)).isEqualTo(new PlanningOutcome.NotApplicable("COORDINATOR declines"));
    }

    @Test
    void coordinatorPlansOfTheLadderAreTheCoordinatorTiersOwn() {
        PlanningOutcome outcome = plan("SELECT id, rank() OVER (ORDER BY id) FROM messages");
        assertThat(((PlanningOutcome.Planned) outcome).plan()).isInstanceOf(CoordinatorPlan.class);
    }

    /** A tier that plans {@code plan} (or declines naming itself) for the kinds it handles, noting each call. */
    private record FakeTier(Tier tier, Set<StatementKind> kinds, DistributedPlan plan, List<Tier> asked)
            implements PlannerTier {
        @Override
        public boolean handles(StatementKind kind) {
            return kinds.contains(kind);
        }

        @Override
        public PlanningOutcome tryPlan(PlanningInput input) {
            asked.add(tier);
            return plan == null ? new PlanningOutcome.NotApplicable(tier + " declines")
                    : new PlanningOutcome.Planned(plan);
        }
    }
}
