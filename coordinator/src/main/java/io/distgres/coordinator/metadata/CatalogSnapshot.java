package io.distgres.coordinator.metadata;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * An immutable, self-consistent copy of the distgres catalog, read in one transaction.
 *
 * @param nodes  every registered node, ascending by id
 * @param tables every distributed and reference table, with shards and placements
 */
public record CatalogSnapshot(List<DistNode> nodes, List<DistTable> tables) {
    public static final CatalogSnapshot EMPTY = new CatalogSnapshot(List.of(), List.of());

    public CatalogSnapshot {
        nodes = List.copyOf(requireNonNull(nodes, "nodes is null"));
        tables = List.copyOf(requireNonNull(tables, "tables is null"));
    }

    public Optional<DistNode> node(int nodeId) {
        return nodes.stream().filter(n -> n.nodeId() == nodeId).findFirst();
    }

    public Optional<DistNode> node(String name) {
        return nodes.stream().filter(n -> n.name().equals(name)).findFirst();
    }

    /** The distributed or reference table with this OID; empty for local tables. */
    public Optional<DistTable> table(long relationId) {
        return tables.stream().filter(t -> t.relationId() == relationId).findFirst();
    }

    /** The distributed or reference table {@code schemaName.tableName} (exact, already case-folded names). */
    public Optional<DistTable> table(String schemaName, String tableName) {
        return tables.stream()
                .filter(t -> t.schemaName().equals(schemaName) && t.tableName().equals(tableName))
                .findFirst();
    }
}
