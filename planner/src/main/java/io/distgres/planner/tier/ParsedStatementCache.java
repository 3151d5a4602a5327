package io.distgres.planner.tier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import io.distgres.planner.parser.PostgresParser;
import io.distgres.planner.parser.SqlSyntaxException;
import io.distgres.planner.parser.TableReference;
import java.util.List;
import org.apache.calcite.sql.SqlNode;

/**
 * Parses each distinct statement text once: a prepared statement executed again, or the same
 * simple-protocol text sent again, is routed from the cached tree with no Calcite work, only
 * the hashing of its bound values. Trees are never modified after parsing, so sessions share them.
 * Bounded (least recently used texts leave first) and counting hits and misses.
 */
final class ParsedStatementCache {
    /** A parsed statement with its table references, or the syntax error it gave. */
    record Parsed(SqlNode node, List<TableReference> references, SqlSyntaxException error) {
    }

    private final PostgresParser parser = new PostgresParser();
    private final Cache<String, Parsed> cache;

    ParsedStatementCache(long capacity) {
        this.cache = Caffeine.newBuilder().maximumSize(capacity).recordStats().build();
    }

    Parsed parse(String sql) {
        Parsed hit = cache.getIfPresent(sql);
        if (hit != null) {
            return hit;
        }
        // parsed outside the cache's lock: a long statement does not hold up other sessions' lookups
        Parsed parsed = parseUncached(sql);
        cache.put(sql, parsed);
        return parsed;
    }

    /** Hits, misses and evictions so far. */
    CacheStats stats() {
        return cache.stats();
    }

    private Parsed parseUncached(String sql) {
        try {
            SqlNode node = parser.parse(sql);
            return new Parsed(node, parser.tableReferences(sql, node), null);
        } catch (SqlSyntaxException e) {
            return new Parsed(null, List.of(), e);
        }
    }
}
