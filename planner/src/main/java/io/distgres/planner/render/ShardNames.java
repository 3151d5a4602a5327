package io.distgres.planner.render;

import io.distgres.planner.catalog.RoutedTable;
import io.distgres.planner.parser.TableReference;
import io.distgres.planner.sql.SqlIdentifiers;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Shard names and their substitution into the user's text: a table name is replaced by its
 * shard's name at the exact position the parser reported, keeping the old name as an alias so
 * qualified column references still resolve.
 */
public final class ShardNames {
    private ShardNames() {
    }

    /** The quoted, schema-qualified name of {@code table}'s shard {@code shardId} (cut to 63 bytes as PostgreSQL does). */
    public static String shardName(RoutedTable table, long shardId) {
        return quote(table.schema()) + "." + quote(withSuffix(table.name(), "_" + shardId));
    }

    /**
     * The shard name of each table reference in shard group {@code index} (the index-th shard of
     * each distributed table, all co-located; the one shard of each reference table).
     */
    public static Map<TableReference, String> ofShardGroup(Map<TableReference, RoutedTable> tables, int index) {
        Map<TableReference, String> names = new HashMap<>();
        for (Map.Entry<TableReference, RoutedTable> entry : tables.entrySet()) {
            RoutedTable table = entry.getValue();
            RoutedTable.Shard shard = table.reference() ? table.shards().get(0) : table.shards().get(index);
            names.put(entry.getKey(), shardName(table, shard.shardId()));
        }
        return names;
    }

    /** {@code base + suffix}, {@code base} cut so the whole fits PostgreSQL's 63-byte identifiers (as shards name their objects). */
    public static String withSuffix(String base, String suffix) {
        return SqlIdentifiers.withSuffix(base, suffix);
    }

    /** Appends {@code sql[start, end)} with each reference inside that range replaced by its shard name. */
    public static void appendSubstituted(StringBuilder out, String sql, int start, int end,
                                         Map<TableReference, String> shardNames) {
        List<TableReference> ordered = new ArrayList<>();
        for (TableReference ref : shardNames.keySet()) {
            if (ref.start() >= start && ref.end() <= end) {
                ordered.add(ref);
            }
        }
        ordered.sort(Comparator.comparingInt(TableReference::start));
        int at = start;
        for (TableReference ref : ordered) {
            out.append(sql, at, ref.start()).append(shardNames.get(ref));
            if (ref.alias().isEmpty()) {
                out.append(" AS ").append(quote(ref.tableName()));
            }
            at = ref.end();
        }
        out.append(sql, at, end);
    }

    /** {@code identifier} as a quoted SQL identifier. */
    public static String quote(String identifier) {
        return SqlIdentifiers.quote(identifier);
    }
}
