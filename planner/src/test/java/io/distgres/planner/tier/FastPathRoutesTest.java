package io.distgres.planner.tier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.distgres.planner.catalog.RoutedTable;
import io.distgres.planner.catalog.RoutingCatalog;
import io.distgres.planner.catalog.TestCatalog;
import io.distgres.planner.plan.PlanningOutcome;
import io.distgres.planner.router.RoutingException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Routes by fingerprint against full planning: a statement routed from a route learnt for its
 * shape gets exactly the plan the tiers give it, and shapes whose constant is not a plain token
 * are never served from a route.
 */
class FastPathRoutesTest {
    private final RoutingCatalog catalog = new TestCatalog();

    /** Plans {@code first} (learning its route), then each of {@code others}, comparing with a planner that never saw the shape. */
    private long servedFromRoutes(String first, List<String> parameters, String... others) {
        DistributedPlanner warmed = new DistributedPlanner();
        assertThat(warmed.plan(first, parameters, catalog)).isEqualTo(new DistributedPlanner().plan(first, parameters, catalog));
        long before = warmed.fastPathRouteStats().hitCount();
        for (String other : others) {
            PlanningOutcome expected = new DistributedPlanner().plan(other, parameters, catalog);
            assertThat(warmed.plan(other, parameters, catalog)).as(other).isEqualTo(expected);
        }
        return warmed.fastPathRouteStats().hitCount() - before;
    }

    @Test
    void aShapeSeenOnceIsRoutedFromItsTokensWithTheSamePlan() {
        assertThat(servedFromRoutes("SELECT body FROM messages WHERE user_id = 5", List.of(),
                "SELECT body FROM messages WHERE user_id = 6", "SELECT body FROM messages WHERE user_id = 1234567")).isEqualTo(2);
        assertThat(servedFromRoutes("SELECT body FROM messages m WHERE body <> 'x' AND m.user_id = '77'", List.of(),
                "SELECT body FROM messages m WHERE body <> 'other' AND m.user_id = '78'")).isEqualTo(1);
        assertThat(servedFromRoutes("UPDATE messages SET body = 'a' WHERE 3 = user_id RETURNING id", List.of(),
                "UPDATE messages SET body = 'b' WHERE 4 = user_id RETURNING id")).isEqualTo(1);
        assertThat(servedFromRoutes("DELETE FROM public.messages WHERE user_id = 9", List.of(),
                "DELETE FROM public.messages WHERE user_id = 10")).isEqualTo(1);
    }

    @Test
    void aBoundParameterPinsTheRouteToo() {
        DistributedPlanner warmed = new DistributedPlanner();
        String sql = "SELECT body FROM messages WHERE user_id = $1 AND body <> $2";
        warmed.plan(sql, List.of("5", "x"), catalog);
        for (String key : new String[] {"6", "7", "8"}) {
            assertThat(warmed.plan(sql, List.of(key, "y"), catalog)).isEqualTo(new DistributedPlanner().plan(sql, List.of(key, "y"), catalog));
        }
        assertThat(warmed.fastPathRouteStats().hitCount()).isEqualTo(3);
        assertThat(warmed.plan(sql, Arrays.asList(null, "y"), catalog))
                .isEqualTo(new DistributedPlanner().plan(sql, Arrays.asList(null, "y"), catalog));
    }

    @Test
    void constantsThatAreNotOnePlainTokenArePlannedEveryTime() {
        assertThat(servedFromRoutes("SELECT body FROM messages WHERE user_id = -5", List.of(),
                "SELECT body FROM messages WHERE user_id = -6")).isZero();
        assertThat(servedFromRoutes("SELECT body FROM messages WHERE user_id = '5'::bigint", List.of(),
                "SELECT body FROM messages WHERE user_id = '6'::bigint")).isZero();
        assertThat(servedFromRoutes("SELECT body FROM messages WHERE user_id = '5' '' ", List.of(),
                "SELECT body FROM messages WHERE user_id = '5'\n'1'")).isZero();
        assertThat(servedFromRoutes("SELECT body FROM messages WHERE user_id = E'5'", List.of(),
                "SELECT body FROM messages WHERE user_id = E'6'")).isZero();
        assertThat(servedFromRoutes("SELECT body FROM messages WHERE user_id = 5 OR user_id = 6", List.of(),
                "SELECT body FROM messages WHERE user_id = 5 OR user_id = 700")).isZero();
    }

    @Test
    void aValuePostgresWouldRejectFailsFromARouteAsItDoesWhenPlanned() {
        DistributedPlanner warmed = new DistributedPlanner();
        warmed.plan("SELECT body FROM messages WHERE user_id = '5'", List.of(), catalog);
        assertThatThrownBy(() -> warmed.plan("SELECT body FROM messages WHERE user_id = 'abc'", List.of(), catalog))
                .isInstanceOf(RoutingException.class);
        assertThat(warmed.fastPathRouteStats().hitCount()).isEqualTo(1);
    }

    @Test
    void aNameThatNoLongerNamesADistributedTableIsPlannedAgain() {
        DistributedPlanner warmed = new DistributedPlanner();
        warmed.plan("SELECT body FROM messages WHERE user_id = 5", List.of(), catalog);
        RoutingCatalog messagesIsNowLocal = messagesResolvingTo(Optional.empty());
        assertThat(warmed.plan("SELECT body FROM messages WHERE user_id = 6", List.of(), messagesIsNowLocal))
                .isInstanceOf(PlanningOutcome.Local.class);
        RoutingCatalog messagesIsNowAReferenceTable = messagesResolvingTo(catalog.table(List.of("countries")));
        assertThat(warmed.plan("SELECT body FROM messages WHERE user_id = 6", List.of(), messagesIsNowAReferenceTable))
                .isEqualTo(new DistributedPlanner().plan("SELECT body FROM messages WHERE user_id = 6", List.of(),
                        messagesIsNowAReferenceTable));
    }

    /** The test catalog, but with {@code messages} resolving to {@code table}. */
    private RoutingCatalog messagesResolvingTo(Optional<RoutedTable> table) {
        return new RoutingCatalog() {
            @Override
            public Optional<RoutedTable> table(List<String> name) {
                return name.get(name.size() - 1).equals("messages") ? table : catalog.table(name);
            }

            @Override
            public List<ColumnInfo> columns(RoutedTable routed) {
                return catalog.columns(routed);
            }

            @Override
            public List<String> nextValues(String defaultExpression, int count) {
                return catalog.nextValues(defaultExpression, count);
            }
        };
    }
}
