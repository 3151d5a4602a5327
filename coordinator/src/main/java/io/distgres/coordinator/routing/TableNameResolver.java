package io.distgres.coordinator.routing;

import static java.util.Objects.requireNonNull;

import io.distgres.coordinator.backend.BoundParameter;
import io.distgres.coordinator.execution.SessionAccess;
import io.distgres.coordinator.metadata.CatalogSnapshot;
import io.distgres.coordinator.metadata.DdlEpoch;
import io.distgres.coordinator.metadata.DistTable;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Finds the distributed table an unqualified name means for a session exactly as PostgreSQL would:
 * the first relation of that name on the session's search_path, which may be a local table of the same
 * name in an earlier schema (or a temporary table), or none. The coordinator database answers
 * ({@code to_regclass}); the answer is shared across statements and sessions with the same user and
 * search_path until any DDL advances the {@link DdlEpoch}, so routed statements need no round trip.
 */
public final class TableNameResolver {
    private static final int TEXT_OID = 25;

    private final NameMeaningCache<Relation> relations;

    public TableNameResolver(DdlEpoch epoch) {
        // a temporary table lives on one pooled connection of one session: what it hides is no one else's answer
        this.relations = new NameMeaningCache<>(requireNonNull(epoch, "epoch is null"), r -> !r.temporary());
    }

    /** The relation a name found: its OID (0 for none) and whether it is a temporary table. */
    private record Relation(long relationId, boolean temporary) {
    }

    /**
     * The distributed or reference table {@code name} (unqualified, case-folded) means for {@code session},
     * empty when it means a local relation or none.
     */
    public Optional<DistTable> resolve(String name, CatalogSnapshot catalog, SessionAccess session) {
        if (catalog.tables().stream().noneMatch(t -> t.tableName().equals(name))) {
            // no distributed table has this name in any schema: whatever it means, it is local
            return Optional.empty();
        }
        long relationId = relations.get(name, session, n -> lookUp(n, session)).relationId();
        return relationId == 0 ? Optional.empty() : catalog.table(relationId);
    }

    private static Relation lookUp(String name, SessionAccess session) {
        Relation[] found = {new Relation(0, false)};
        session.coordinatorLease().run("SELECT c.oid, c.relpersistence = 't' FROM pg_catalog.pg_class c"
                        + " WHERE c.oid = pg_catalog.to_regclass(pg_catalog.quote_ident($1))",
                1, List.of(new BoundParameter(name.getBytes(StandardCharsets.UTF_8), false, TEXT_OID)),
                cells -> found[0] = new Relation(Long.parseLong(new String(cells[0], StandardCharsets.UTF_8)),
                        "t".equals(new String(cells[1], StandardCharsets.UTF_8))));
        return found[0];
    }
}
