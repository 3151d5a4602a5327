package io.distgres.worker;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import java.util.Arrays;
import java.util.List;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.NativeQuery;
import org.postgresql.core.Query;
import org.postgresql.core.SqlCommand;

/**
 * Task statements kept prepared on each pooled connection, so a task text seen before skips
 * PostgreSQL's parse and plan: pgjdbc sends Parse once for a query object run without
 * {@code QUERY_ONESHOT} (as a named server-side statement) and only Bind/Execute afterwards.
 *
 * <p>Only tasks with parameters are kept: their text repeats (a client's prepared statement),
 * while tasks with inline values rarely do. Each connection's statements are a bounded cache of
 * {@link #PER_CONNECTION}; the statement it evicts is closed. Eviction runs on the calling thread
 * (the one task using the connection), so the Close is queued on the connection that task holds.
 */
final class PreparedTaskStatements {
    static final int PER_CONNECTION = 256;
    /** Connections are compared by identity and dropped with the pool's connection (weak keys). */
    private final Cache<BaseConnection, Cache<String, Query>> byConnection = Caffeine.newBuilder()
            .weakKeys().executor(Runnable::run).build();

    /** The reusable query for {@code sql} on {@code connection}, created on first use. */
    Query query(BaseConnection connection, String sql, int parameterCount) {
        return byConnection.get(connection, c -> statementCache())
                .get(sql, text -> wrap(connection, text, parameterCount));
    }

    /**
     * A query object for {@code sql} whose {@code $n} placeholders go to PostgreSQL unchanged
     * (pgjdbc would otherwise look for JDBC {@code ?} placeholders), so a repeated $n is one parameter.
     */
    static Query wrap(BaseConnection connection, String sql, int parameterCount) {
        // pgjdbc only uses bind positions to print the statement; the count is what matters
        int[] positions = new int[parameterCount];
        Arrays.fill(positions, sql.length());
        return connection.getQueryExecutor().wrap(List.of(new NativeQuery(sql, positions, false, SqlCommand.BLANK)));
    }

    /** Closes and forgets the statements of {@code connection} (its plans went stale, or it leaves the pool). */
    void forget(BaseConnection connection) {
        Cache<String, Query> statements = byConnection.asMap().remove(connection);
        if (statements != null) {
            statements.invalidateAll();
        }
    }

    /** Hits, misses and evictions summed over every connection's statements. */
    CacheStats stats() {
        return byConnection.asMap().values().stream().map(Cache::stats).reduce(CacheStats.empty(), CacheStats::plus);
    }

    private static Cache<String, Query> statementCache() {
        return Caffeine.newBuilder()
                .maximumSize(PER_CONNECTION)
                .executor(Runnable::run)
                .recordStats()
                // pgjdbc sends the Close with the connection's next round trip
                .<String, Query>removalListener((sql, query, cause) -> {
                    if (query != null) {
                        query.close();
                    }
                })
                .build();
    }
}
