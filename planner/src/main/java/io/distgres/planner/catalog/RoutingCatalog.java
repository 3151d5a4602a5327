package io.distgres.planner.catalog;

import java.util.List;
import java.util.Optional;

/** The planner's view of the catalog: which names are distributed or reference tables, and their shards. */
public interface RoutingCatalog {
    /** The table a (possibly schema-qualified, already case-folded) name refers to, if it is distributed. */
    Optional<RoutedTable> table(List<String> name);

    /**
     * Columns of {@code table} in order, with the default expressions of those whose default
     * draws from a sequence (null for the others): the router needs them for INSERT.
     */
    List<ColumnInfo> columns(RoutedTable table);

    /** Evaluates a sequence default {@code count} times on the coordinator. */
    List<String> nextValues(String defaultExpression, int count);

    /**
     * Whether {@code functionName} (lower case) names an aggregate function; the multi-shard
     * tier splits aggregates and must know every one, user-defined ones too.
     */
    default boolean isAggregate(String functionName) {
        return BuiltinAggregates.NAMES.contains(functionName);
    }

    /**
     * The session's {@code TimeZone} setting, in which a worker reads a {@code timestamptz} distribution value
     * written without an offset, so the router must hash it in the same zone.
     */
    default String timeZone() {
        return "UTC";
    }

    /** A column name with its sequence default, or null when it has none. */
    record ColumnInfo(String name, String sequenceDefault) {
    }
}
