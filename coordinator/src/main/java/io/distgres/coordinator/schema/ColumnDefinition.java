package io.distgres.coordinator.schema;

import static java.util.Objects.requireNonNull;

/**
 * One column of a table as PostgreSQL describes it.
 *
 * @param name        column name
 * @param type        the type as {@code format_type} prints it, e.g. {@code bigint}, {@code character varying(20)}
 * @param typeOid     the type's OID
 * @param notNull     true for NOT NULL columns
 * @param defaultExpr the default expression as {@code pg_get_expr} prints it, or null
 * @param identity    true for identity columns (ALWAYS or BY DEFAULT)
 * @param generated   true for generated columns; {@code defaultExpr} then holds the generation expression
 */
public record ColumnDefinition(String name, String type, int typeOid, boolean notNull, String defaultExpr,
                               boolean identity, boolean generated) {
    public ColumnDefinition {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
    }

    /** True when the default draws from a sequence: it is evaluated on the coordinator, never on shards. */
    public boolean hasSequenceDefault() {
        return identity || (defaultExpr != null && defaultExpr.contains("nextval("));
    }
}
