package io.distgres.planner.tier;

import io.distgres.planner.parser.PostgresParser;
import io.distgres.planner.parser.SqlSyntaxException;
import io.distgres.planner.parser.TableReference;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.sql.SqlNode;

/**
 * Parses each distinct statement text once: a prepared statement executed again, or the same
 * simple-protocol text sent again, is routed from the cached tree with no Calcite work, only
 * the hashing of its bound values. Trees are never modified after parsing, so sessions share them.
 */
final class ParsedStatementCache {
    /** A parsed statement with its table references, or the syntax error it gave. */
    record Parsed(SqlNode node, List<TableReference> references, SqlSyntaxException error) {
    }

    private final PostgresParser parser = new PostgresParser();
    private final Map<String, Parsed> cache;

    ParsedStatementCache(int capacity) {
        this.cache = new LinkedHashMap<>(capacity, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Parsed> eldest) {
                return size() > capacity;
            }
        };
    }

    Parsed parse(String sql) {
        synchronized (cache) {
            Parsed hit = cache.get(sql);
            if (hit != null) {
                return hit;
            }
        }
        Parsed parsed;
        try {
            SqlNode node = parser.parse(sql);
            parsed = new Parsed(node, parser.tableReferences(sql, node), null);
        } catch (SqlSyntaxException e) {
            parsed = new Parsed(null, List.of(), e);
        }
        synchronized (cache) {
            cache.put(sql, parsed);
        }
        return parsed;
    }
}
