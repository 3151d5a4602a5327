package io.distgres.planner.tier;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import io.distgres.planner.catalog.RoutedTable;
import io.distgres.planner.catalog.RoutingCatalog;
import io.distgres.planner.hashing.DistributionHasher;
import io.distgres.planner.parser.TableReference;
import io.distgres.planner.plan.PlanningOutcome;
import io.distgres.planner.plan.RouterPlan;
import io.distgres.planner.plan.Tier;
import io.distgres.planner.sql.StatementFingerprint;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Plans a statement over distributed tables: a statement of a shape already planned on the fast
 * path is routed from its fingerprint ({@link FastPathRoutes}, no parse); others are parsed (once
 * per distinct text), the tables they name resolved in the catalog, and the {@link TierLadder}
 * climbed. The planner's entry point.
 */
public final class DistributedPlanner {
    private final ParsedStatementCache parsedStatements = new ParsedStatementCache(4096);
    private final FastPathRoutes fastPathRoutes = new FastPathRoutes(4096);
    /** One hasher per session TimeZone seen (few in practice; bounded all the same). */
    private final Cache<String, DistributionHasher> hashers = Caffeine.newBuilder().maximumSize(64).recordStats()
            .build();
    private final TierLadder ladder;

    public DistributedPlanner() {
        this(TierLadder.standard());
    }

    public DistributedPlanner(TierLadder ladder) {
        this.ladder = requireNonNull(ladder, "ladder is null");
    }

    /**
     * Plans {@code sql} with its bound parameter values (text, null = NULL): a plan, the
     * construct no tier can plan, or {@link PlanningOutcome.Local} when it names no distributed table.
     */
    public PlanningOutcome plan(String sql, List<String> parameters, RoutingCatalog catalog) {
        requireNonNull(sql, "sql is null");
        StatementFingerprint fingerprint = StatementFingerprint.of(sql);
        Optional<PlanningOutcome> routed = fastPathRoutes.plan(sql, fingerprint, parameters, catalog,
                hasher(catalog.timeZone()));
        if (routed.isPresent()) {
            return routed.get();
        }
        ParsedStatementCache.Parsed parsed = parsedStatements.parse(sql);
        if (parsed.error() != null) {
            return new PlanningOutcome.NotApplicable("statements distgres's parser does not accept yet ("
                    + parsed.error().getMessage() + ")");
        }
        Map<TableReference, RoutedTable> tables = new LinkedHashMap<>();
        String localTable = null;
        for (TableReference ref : parsed.references()) {
            Optional<RoutedTable> table = catalog.table(ref.name());
            if (table.isEmpty()) {
                localTable = localTable == null ? String.join(".", ref.name()) : localTable;
            } else {
                tables.put(ref, table.get());
            }
        }
        if (tables.isEmpty()) {
            return new PlanningOutcome.Local();
        }
        PlanningInput input = new PlanningInput(sql, parsed.node(), parsed.references(), tables,
                Optional.ofNullable(localTable), parameters, catalog, hasher(catalog.timeZone()));
        PlanningOutcome outcome = ladder.plan(input);
        if (outcome instanceof PlanningOutcome.Planned planned && planned.plan() instanceof RouterPlan router
                && router.tier() == Tier.FAST_PATH) {
            fastPathRoutes.learn(input, fingerprint);
        }
        return outcome;
    }

    /** Hits, misses and evictions of the fast-path routes by fingerprint. */
    public CacheStats fastPathRouteStats() {
        return fastPathRoutes.stats();
    }

    /** Hits, misses and evictions of the parsed-statement cache. */
    public CacheStats parsedStatementStats() {
        return parsedStatements.stats();
    }

    private DistributionHasher hasher(String timeZone) {
        return hashers.get(timeZone, DistributionHasher::forTimeZone);
    }
}
