package io.distgres.planner.render;

import io.distgres.planner.catalog.RoutedTable;
import io.distgres.planner.parser.TableReference;
import io.distgres.planner.plan.Task;
import io.distgres.planner.sql.SqlLexer;
import io.distgres.planner.sql.SqlToken;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

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
        List<SqlToken> tokens = SqlLexer.tokenize(sql);
        TreeSet<Integer> used = new TreeSet<>();
        for (SqlToken t : tokens) {
            if (t.kind() == SqlToken.Kind.PARAMETER) {
                used.add(Integer.parseInt(sql.substring(t.start() + 1, t.end())));
            }
        }
        boolean dense = used.isEmpty() || (used.first() == 1 && used.last() == used.size());
        if (dense) {
            return new Task(nodeId, sql, parameters.subList(0, Math.min(parameters.size(), used.isEmpty() ? 0
                    : used.last())));
        }
        List<Integer> order = new ArrayList<>(used);
        StringBuilder out = new StringBuilder(sql.length());
        int at = 0;
        for (SqlToken t : tokens) {
            if (t.kind() == SqlToken.Kind.PARAMETER) {
                int n = Integer.parseInt(sql.substring(t.start() + 1, t.end()));
                out.append(sql, at, t.start()).append('$').append(order.indexOf(n) + 1);
                at = t.end();
            }
        }
        out.append(sql, at, sql.length());
        List<String> values = new ArrayList<>();
        for (int n : order) {
            values.add(n - 1 < parameters.size() ? parameters.get(n - 1) : null);
        }
        return new Task(nodeId, out.toString(), values);
    }

    public static String shardName(RoutedTable table, long shardId) {
        return ShardNames.shardName(table, shardId);
    }
}
