package io.distgres.planner.render;

import io.distgres.planner.catalog.RoutedTable;
import io.distgres.planner.parser.TableReference;
import io.distgres.planner.plan.Task;
import java.util.List;
import java.util.Map;

/**
 * Writes a task's SQL from the user's text: table names replaced by shard names at the exact
 * positions the parser reported (keeping the old name as an alias so qualified column references
 * still resolve), and {@code $n} placeholders renumbered to the ones the task actually uses.
 */
public final class ShardSql {
    private ShardSql() {
    }

    /** {@code sql} with each reference replaced by the shard name given for it. */
    public static String substitute(String sql, Map<TableReference, String> shardNames) {
        StringBuilder out = new StringBuilder(sql.length() + 32 * shardNames.size());
        ShardNames.appendSubstituted(out, sql, 0, sql.length(), shardNames);
        return out.toString();
    }

    /** A task over {@code sql} with only the parameters it uses, renumbered from $1. */
    public static Task task(int nodeId, String sql, List<String> parameters) {
        Placeholders placeholders = Placeholders.in(List.of(sql));
        return new Task(nodeId, placeholders.renumber(sql), placeholders.values(parameters));
    }

    public static String shardName(RoutedTable table, long shardId) {
        return ShardNames.shardName(table, shardId);
    }
}
