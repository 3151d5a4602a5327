package io.distgres.planner.tier;

import static org.assertj.core.api.Assertions.assertThat;

import io.distgres.planner.catalog.RoutedTable;
import io.distgres.planner.catalog.RoutingCatalog;
import io.distgres.planner.catalog.TestCatalog;
import io.distgres.planner.hashing.DistributionHasher;
import io.distgres.planner.parser.PostgresParser;
import io.distgres.planner.parser.TableReference;
import io.distgres.planner.plan.DistributedPlan;
import io.distgres.planner.plan.PlanningOutcome;
import io.distgres.planner.plan.Tier;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.calcite.sql.SqlNode;

/**
 * Trino-style assertions on one tier alone: {@code tier(FAST_PATH).on(sql).plans(RouterPlan.class)}
 * gives the plan to look at, {@code tier(ROUTER).on(sql).declines("reason")} checks the reason.
 * Statements run against {@link TestCatalog} unless a catalog is given.
 */
final class TierAssertions {
    private final PlannerTier tier;
    private final RoutingCatalog catalog;

    private TierAssertions(PlannerTier tier, RoutingCatalog catalog) {
        this.tier = tier;
        this.catalog = catalog;
    }

    static TierAssertions tier(Tier tier) {
        PlannerTier planner = switch (tier) {
            case FAST_PATH -> new FastPathTier();
            case ROUTER -> new RouterTier();
            case MULTI_SHARD -> new MultiShardTier();
            case COORDINATOR -> new CoordinatorTier();
        };
        assertThat(planner.tier()).isEqualTo(tier);
        return new TierAssertions(planner, new TestCatalog());
    }

    /** The same tier over {@code catalog}. */
    TierAssertions over(RoutingCatalog other) {
        return new TierAssertions(tier, other);
    }

    /** The tier's outcome for {@code sql} with {@code parameters} ($1 first; null = NULL). */
    Outcome on(String sql, String... parameters) {
        PlanningInput input = input(sql, Arrays.asList(parameters), catalog);
        assertThat(tier.handles(input.kind())).as("%s handles %s", tier.tier(), input.kind()).isTrue();
        return new Outcome(sql, tier.tryPlan(input));
    }

    /** The planner's input for {@code sql}, as {@link DistributedPlanner} builds it. */
    static PlanningInput input(String sql, List<String> parameters, RoutingCatalog catalog) {
        PostgresParser parser = new PostgresParser();
        SqlNode node;
        try {
            node = parser.parse(sql);
        } catch (Exception e) {
            throw new AssertionError("does not parse: " + sql, e);
        }
        List<TableReference> references = parser.tableReferences(sql, node);
        Map<TableReference, RoutedTable> tables = new LinkedHashMap<>();
        String local = null;
        for (TableReference reference : references) {
            Optional<RoutedTable> table = catalog.table(reference.name());
            if (table.isPresent()) {
                tables.put(reference, table.get());
            } else if (local == null) {
                local = String.join(".", reference.name());
            }
        }
        return new PlanningInput(sql, node, references, tables, Optional.ofNullable(local), parameters, catalog,
                DistributionHasher.forTimeZone(catalog.timeZone()));
    }

    /** What a tier made of one statement. */
    record Outcome(String sql, PlanningOutcome outcome) {
        /** Asserts a plan of {@code shape} and returns it. */
        <P extends DistributedPlan> P plans(Class<P> shape) {
            assertThat(outcome).as(sql).isInstanceOf(PlanningOutcome.Planned.class);
            DistributedPlan plan = ((PlanningOutcome.Planned) outcome).plan();
            assertThat(plan).as(sql).isInstanceOf(shape);
            return shape.cast(plan);
        }

        /** Asserts the tier declines with exactly {@code reason}. */
        void declines(String reason) {
            assertThat(outcome).as(sql).isEqualTo(new PlanningOutcome.NotApplicable(reason));
        }
    }
}
