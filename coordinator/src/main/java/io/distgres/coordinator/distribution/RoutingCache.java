package io.distgres.coordinator.distribution;

import io.distgres.coordinator.metadata.DistTable;
import io.distgres.planner.hashing.DistributionType;
import io.distgres.planner.router.RoutedTable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * What the router's catalog derives from the catalog, kept across statements: the type of each
 * distribution column (it never changes), which function names are aggregates, and each table's {@link RoutedTable} as built from one
 * catalog snapshot (rebuilt when a reload brings a new {@link DistTable}), so a routed statement
 * does not copy every shard of its tables again.
 */
final class RoutingCache {
    private final Map<Long, DistributionType> distributionTypes = new ConcurrentHashMap<>();
    private final Map<Long, Built> routedTables = new ConcurrentHashMap<>();
    private final Map<String, Boolean> aggregateNames = new ConcurrentHashMap<>();

    /** A RoutedTable and the catalog entry it was built from. */
    private record Built(DistTable source, RoutedTable routed) {
    }

    /** The cached type, else {@code lookup}'s answer (not under a map lock: it queries the database). */
    DistributionType distributionType(long relationId, Function<Long, DistributionType> lookup) {
        DistributionType known = distributionTypes.get(relationId);
        if (known == null) {
            known = lookup.apply(relationId);
            distributionTypes.put(relationId, known);
        }
        return known;
    }

    /** Whether a function name is an aggregate, else {@code lookup}'s answer (it queries the database). */
    boolean isAggregate(String functionName, java.util.function.Predicate<String> lookup) {
        Boolean known = aggregateNames.get(functionName);
        if (known == null) {
            known = lookup.test(functionName);
            aggregateNames.put(functionName, known);
        }
        return known;
    }

    RoutedTable routedTable(DistTable table, Function<DistTable, RoutedTable> build) {
        Built built = routedTables.get(table.relationId());
        // snapshots are immutable: the same DistTable object means nothing changed since
        if (built == null || built.source() != table) {
            built = new Built(table, build.apply(table));
            routedTables.put(table.relationId(), built);
        }
        return built.routed();
    }
}
