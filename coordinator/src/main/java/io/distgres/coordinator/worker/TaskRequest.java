package io.distgres.coordinator.worker;

import static java.util.Objects.requireNonNull;

import io.distgres.coordinator.backend.SessionIdentity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * One task for a worker: SQL with {@code $1..$n} placeholders and their values.
 *
 * @param sql        task SQL, PostgreSQL syntax
 * @param parameters values in PostgreSQL text format, a {@code null} entry is SQL NULL
 * @param batchSize  rows per batch, 0 lets the agent choose
 * @param timeout    deadline of the whole call, null for none
 * @param fetchAll   a small result is expected (a router task): the agent fetches it in one round
 *                   trip in autocommit rather than in batches through a cursor
 * @param settings   the client session's settings the worker applies for this task (TimeZone ...)
 * @param identity   who the task runs as on the worker; null for the agent's own user (distgres's own work)
 */
public record TaskRequest(String sql, List<String> parameters, int batchSize, Duration timeout, boolean fetchAll,
                          Map<String, String> settings, SessionIdentity identity) {
    public TaskRequest {
        settings = settings == null ? Map.of() : Map.copyOf(settings);
        requireNonNull(sql, "sql is null");
        // List.copyOf rejects nulls, and null is how callers say SQL NULL
        parameters = parameters == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(parameters));
        if (batchSize < 0) {
            throw new IllegalArgumentException("batchSize must not be negative");
        }
    }

    public TaskRequest(String sql, List<String> parameters, int batchSize, Duration timeout, boolean fetchAll) {
        this(sql, parameters, batchSize, timeout, fetchAll, Map.of(), null);
    }

    /** This request carrying the session's {@code settings}. */
    public TaskRequest withSettings(Map<String, String> newSettings) {
        return new TaskRequest(sql, parameters, batchSize, timeout, fetchAll, newSettings, identity);
    }

    /** This request run as {@code newIdentity} on the worker. */
    public TaskRequest withIdentity(SessionIdentity newIdentity) {
        return new TaskRequest(sql, parameters, batchSize, timeout, fetchAll, settings, newIdentity);
    }

    /** A task whose rows are fetched in batches through a cursor. */
    public TaskRequest(String sql, List<String> parameters, int batchSize, Duration timeout) {
        this(sql, parameters, batchSize, timeout, false);
    }

    /** A router task pinned to one shard by its key: a small result, fetched in one round trip. */
    public static TaskRequest routed(String sql, List<String> parameters) {
        return new TaskRequest(sql, parameters, 0, null, true);
    }

    public static TaskRequest of(String sql, List<String> parameters) {
        return new TaskRequest(sql, parameters, 0, null);
    }
}
