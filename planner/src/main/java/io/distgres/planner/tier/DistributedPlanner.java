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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Plans a statement over distributed tables: parses it (once per distinct text), resolves the
 * tables it names in the catalog, and climbs the {@link TierLadder}. The planner's entry point.
 */
public final class DistributedPlanner {
    private final ParsedStatementCache parsedStatements = new ParsedStatementCache(4096);
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
        return ladder.plan(new PlanningInput(sql, parsed.node(), parsed.references(), tables,
                Optional.ofNullable(localTable), parameters, catalog, hasher(catalog.timeZone())));
    }

    /** Hits, misses and evictions of the parsed-statement cache. */
    public CacheStats parsedStatementStats() {
        return parsedStatements.stats();
    }

    private DistributionHasher hasher(String timeZone) {
        return hashers.get(timeZone, DistributionHasher::forTimeZone);
    }
}
