package io.distgres.coordinator.schema;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * A table's schema as needed to create shards like it: columns, constraints and the indexes
 * that do not back a constraint.
 *
 * @param schema      schema name
 * @param name        table name
 * @param columns     columns in attribute order (dropped columns excluded)
 * @param constraints constraints (primary key, unique, check, exclusion) with their definitions
 * @param indexes     other indexes: name and {@code pg_get_indexdef} text
 */
public record TableDefinition(String schema, String name, List<ColumnDefinition> columns,
                              List<ConstraintDefinition> constraints, List<IndexDefinition> indexes) {
    public TableDefinition {
        requireNonNull(schema, "schema is null");
        requireNonNull(name, "name is null");
        columns = List.copyOf(columns);
        constraints = List.copyOf(constraints);
        indexes = List.copyOf(indexes);
    }

    public Optional<ColumnDefinition> column(String columnName) {
        return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
    }

    /** A constraint of a table. {@code kind} is pg_constraint.contype: p, u, c, x, f. */
    public record ConstraintDefinition(String name, char kind, String definition, List<String> columns) {
        public ConstraintDefinition {
            requireNonNull(name, "name is null");
            requireNonNull(definition, "definition is null");
            columns = List.copyOf(columns);
        }
    }

    /** An index that backs no constraint; {@code definition} is what pg_get_indexdef prints. */
    public record IndexDefinition(String name, String definition) {
        public IndexDefinition {
            requireNonNull(name, "name is null");
            requireNonNull(definition, "definition is null");
        }
    }
}
