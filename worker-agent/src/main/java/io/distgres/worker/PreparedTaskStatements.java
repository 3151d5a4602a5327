package io.distgres.worker;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.WeakHashMap;
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
 * while tasks with inline values rarely do. A connection is used by one task at a time, so its
 * cache needs no locking; least recently used statements are closed past {@link #PER_CONNECTION}.
 */
final class PreparedTaskStatements {
    static final int PER_CONNECTION = 256;
    private final Map<BaseConnection, Map<String, Query>> byConnection = Collections.synchronizedMap(new WeakHashMap<>());

    /** The reusable query for {@code sql} on {@code connection}, created on first use. */
    Query query(BaseConnection connection, String sql, int parameterCount) {
        Map<String, Query> statements = byConnection.computeIfAbsent(connection, c -> lruCache());
        Query query = statements.get(sql);
        if (query == null) {
            query = wrap(connection, sql, parameterCount);
            statements.put(sql, query);
        }
        return query;
    }

    /**
     * A query object for {@code sql} whose {@code $n} placeholders go to PostgreSQL unchanged
     * (pgjdbc would otherwise look for JDBC {@code ?} placeholders), so a repeated $n is one parameter.
     */
    static Query wrap(BaseConnection connection, String sql, int parameterCount) {
        // pgjdbc only uses bind positions to print the statement; the count is what matters
        int[] positions = new int[parameterCount];
        java.util.Arrays.fill(positions, sql.length());
        return connection.getQueryExecutor().wrap(java.util.List.of(new NativeQuery(sql, positions, false, SqlCommand.BLANK)));
    }

    /** Closes and forgets the statements of {@code connection} (its plans went stale, or it leaves the pool). */
    void forget(BaseConnection connection) {
        Map<String, Query> statements = byConnection.remove(connection);
        if (statements != null) {
            statements.values().forEach(Query::close);
        }
    }

    private static Map<String, Query> lruCache() {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Query> eldest) {
                if (size() > PER_CONNECTION) {
                    // pgjdbc sends the Close with the connection's next round trip
                    eldest.getValue().close();
                    return true;
                }
                return false;
            }
        };
    }
}
