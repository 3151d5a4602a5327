package io.distgres.coordinator.session;

import static java.util.Objects.requireNonNull;

import io.distgres.coordinator.error.PgError;
import io.distgres.coordinator.error.PgException;
import io.distgres.coordinator.error.SqlState;
import io.distgres.coordinator.metadata.CatalogSnapshot;
import io.distgres.coordinator.metadata.DistTable;
import io.distgres.planner.classify.DistributedTableReferences;
import io.distgres.planner.sql.StatementText;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Keeps statements that name a distributed table away from the coordinator database, whose shell
 * table holds no rows: passing them through would give wrong answers. Until the router tiers
 * plan them, they fail with 0A000 naming the table.
 */
public final class DistributedTableGate {
    private final Supplier<CatalogSnapshot> catalog;
    private CatalogSnapshot seen;
    private DistributedTableReferences references = new DistributedTableReferences(java.util.Set.of());

    public DistributedTableGate(Supplier<CatalogSnapshot> catalog) {
        this.catalog = requireNonNull(catalog, "catalog is null");
    }

    /** Throws 0A000 when {@code statement} may touch a distributed or reference table. */
    public void check(StatementText statement) {
        references().firstReference(statement).ifPresent(table -> {
            throw new PgException(new PgError("ERROR", SqlState.FEATURE_NOT_SUPPORTED,
                    "statements on distributed table \"" + table + "\" are not supported by distgres yet",
                    "Its rows live in shards on the workers; planning statements over them is not built yet.",
                    "Use get_shard_id_for_distribution_column and citus_shards to find a shard.", 0, null, null,
                    null, null, null, null));
        });
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
