package io.distgres.coordinator.routing;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.distgres.coordinator.execution.SessionAccess;
import io.distgres.coordinator.metadata.DdlEpoch;
import io.distgres.coordinator.metadata.DistTable;
import io.distgres.planner.catalog.RoutedTable;
import io.distgres.planner.catalog.RoutingCatalog;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * What the router's catalog derives from the catalogs, kept across statements: each table's
 * {@link RoutedTable} (with its distribution column's type) as built from one catalog snapshot's
 * {@link DistTable}, rebuilt when a reload brings a new one, so a routed statement does not copy every
 * shard of its tables again; and which function names are aggregates for a user and search_path, until
 * DDL advances the {@link DdlEpoch}; and, until then too, each table's columns and sequence defaults.
 */
final class RoutingCache {
    /** Tables kept at most; one evicted is built again from the snapshot when next routed. */
    private static final int MAX_TABLES = 10_000;

    private final Cache<Long, Built> routedTables = Caffeine.newBuilder().maximumSize(MAX_TABLES).recordStats().build();
    private final NameMeaningCache<Boolean> aggregateNames;
    /** By relation id: defaults print relative to search_path, so the key's session parts matter here too. */
    private final NameMeaningCache<List<RoutingCatalog.ColumnInfo>> columns;

    RoutingCache(DdlEpoch epoch) {
        this.aggregateNames = new NameMeaningCache<>(requireNonNull(epoch, "epoch is null"));
        this.columns = new NameMeaningCache<>(epoch);
    }

    /**
     * The columns of table {@code relationId} with their sequence defaults, for {@code session}, else
     * {@code lookUp}'s answer: an INSERT then reads no catalog until DDL advances the epoch.
     */
    List<RoutingCatalog.ColumnInfo> columns(long relationId, SessionAccess session,
                                            Supplier<List<RoutingCatalog.ColumnInfo>> lookUp) {
        return columns.get(Long.toString(relationId), session, ignored -> List.copyOf(lookUp.get()));
    }

    /** A RoutedTable and the catalog entry it was built from. */
    private record Built(DistTable source, RoutedTable routed) {
    }

    /**
     * Whether {@code functionName} is an aggregate for {@code session}, else {@code lookup}'s answer (not under
     * a map lock: it queries the database).
     */
    boolean isAggregate(String functionName, SessionAccess session, Predicate<String> lookup) {
        return aggregateNames.get(functionName, session, lookup::test);
    }

    RoutedTable routedTable(DistTable table, Function<DistTable, RoutedTable> build) {
        Built built = routedTables.getIfPresent(table.relationId());
        // snapshots are immutable: the same DistTable object means nothing changed since
        if (built == null || built.source() != table) {
            built = new Built(table, build.apply(table));
            routedTables.put(table.relationId(), built);
        }
        return built.routed();
    }
}
