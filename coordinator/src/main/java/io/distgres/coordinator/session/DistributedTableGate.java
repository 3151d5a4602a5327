package io.distgres.coordinator.session;

import static java.util.Objects.requireNonNull;

import io.distgres.coordinator.metadata.CatalogSnapshot;
import io.distgres.coordinator.metadata.DistTable;
import io.distgres.planner.classify.DistributedTableReferences;
import io.distgres.planner.sql.StatementText;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Finds statements that name a distributed table, so they never pass through to the coordinator
 * database, whose shell tables hold no rows: they go to the distributed executor instead.
 */
public final class DistributedTableGate {
    private final Supplier<CatalogSnapshot> catalog;
    private CatalogSnapshot seen;
    private DistributedTableReferences references = new DistributedTableReferences(java.util.Set.of());

    public DistributedTableGate(Supplier<CatalogSnapshot> catalog) {
        this.catalog = requireNonNull(catalog, "catalog is null");
    }

    /** The distributed or reference table {@code statement} may touch, if any. */
    public java.util.Optional<String> referencedTable(StatementText statement) {
        return references().firstReference(statement);
    }

    /** The catalog as the gate sees it now. */
    public CatalogSnapshot catalog() {
        return catalog.get();
    }

    private synchronized DistributedTableReferences references() {
        CatalogSnapshot now = catalog.get();
        if (now != seen) {
            seen = now;
            references = new DistributedTableReferences(now.tables().stream().map(DistTable::tableName)
                    .collect(Collectors.toSet()));
        }
        return references;
    }
}
