package io.distgres.worker;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.WeakHashMap;
import org.postgresql.core.BaseConnection;

/**
 * A client session's settings (TimeZone, DateStyle ...) on pooled connections, as PgBouncer's
 * tracked parameters: each connection remembers the settings it carries, and a task is given
 * its session's settings only where they differ, the others going back to the server's
 * values. Tasks of sessions with the same settings (every pgjdbc client sends DateStyle,
 * TimeZone and extra_float_digits) then cost no round trip for them at all.
 *
 * <p>Reconciling runs in autocommit, before a task's transaction, so what a connection carries
 * never depends on a transaction's outcome. Inside a pinned transaction, settings that differ
 * from what the connection carries are applied for the one task and put back ({@link #applyForTask}).
 */
final class SessionSettingsOnConnection {
    /** What one connection carries: the values set, and the server's value of each before it was first set. */
    private record Carried(Map<String, String> values, Map<String, String> serverValues) {
        static final Carried NONE = new Carried(Map.of(), Map.of());
    }

    private final Map<BaseConnection, Carried> carried = Collections.synchronizedMap(new WeakHashMap<>());

    /**
     * Makes {@code connection} carry exactly {@code wanted} (names in any case): the ones it
     * carries with another value or not at all are set, the ones it carries beyond them go back
     * to the server's values. No round trip when it already carries them.
     */
    void reconcile(Connection connection, Map<String, String> wanted) throws SQLException {
        BaseConnection pg = connection.unwrap(BaseConnection.class);
        Carried current = carried.getOrDefault(pg, Carried.NONE);
        Map<String, String> target = lowerCaseNames(wanted);
        if (current.values().equals(target)) {
            return;
        }
        Map<String, String> toSet = new LinkedHashMap<>();
        target.forEach((name, value) -> {
            if (!value.equals(current.values().get(name))) {
                toSet.put(name, value);
            }
        });
        Map<String, String> toRestore = new LinkedHashMap<>();
        current.values().keySet().forEach(name -> {
            if (!target.containsKey(name)) {
                toRestore.put(name, current.serverValues().get(name));
            }
        });
        // unknown while the statement runs: if it fails, PostgreSQL applied none of it, but say nothing we cannot vouch for
        carried.remove(pg);
        Map<String, String> serverValues = new HashMap<>(current.serverValues());
        Map<String, String> before = set(connection, toSet, toRestore);
        before.forEach(serverValues::putIfAbsent);
        serverValues.keySet().retainAll(target.keySet());
        carried.put(pg, new Carried(Map.copyOf(target), Map.copyOf(serverValues)));
    }

    /**
     * Inside a pinned transaction: applies the settings of {@code wanted} that differ from what
     * the connection carries, for one task; returns what to put back with {@link #restore}
     * (empty: nothing was applied).
     */
    Map<String, String> applyForTask(Connection connection, Map<String, String> wanted) throws SQLException {
        Carried current = carried.getOrDefault(connection.unwrap(BaseConnection.class), Carried.NONE);
        Map<String, String> target = lowerCaseNames(wanted);
        Map<String, String> toSet = new LinkedHashMap<>();
        target.forEach((name, value) -> {
            if (!value.equals(current.values().get(name))) {
                toSet.put(name, value);
            }
        });
        current.values().forEach((name, value) -> {
            if (!target.containsKey(name)) {
                toSet.put(name, current.serverValues().get(name));
            }
        });
        return toSet.isEmpty() ? Map.of() : set(connection, toSet, Map.of());
    }

    /**
     * Puts back what {@link #applyForTask} replaced. Returns false when that failed; inside a
     * pinned transaction a failure is harmless, its rollback undoes the settings.
     */
    static boolean restore(Connection connection, Map<String, String> previous) {
        if (previous.isEmpty()) {
            return true;
        }
        try {
            set(connection, previous, Map.of());
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /**
     * Sets {@code values} then {@code restored} in one statement; returns the value each name of
     * {@code values} had before.
     */
    private static Map<String, String> set(Connection connection, Map<String, String> values,
                                           Map<String, String> restored) throws SQLException {
        List<String> names = new ArrayList<>(values.keySet());
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < names.size(); i++) {
            // the target list is evaluated left to right: each current value is read before it is set
            sql.append(i == 0 ? "" : ", ").append("pg_catalog.current_setting(?), pg_catalog.set_config(?, ?, false)");
        }
        for (int i = 0; i < restored.size(); i++) {
            sql.append(names.isEmpty() && i == 0 ? "" : ", ").append("pg_catalog.set_config(?, ?, false)");
        }
        Map<String, String> previous = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            int p = 1;
            for (String name : names) {
                statement.setString(p++, name);
                statement.setString(p++, name);
                statement.setString(p++, values.get(name));
            }
            for (Map.Entry<String, String> entry : restored.entrySet()) {
                statement.setString(p++, entry.getKey());
                statement.setString(p++, entry.getValue());
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                for (int i = 0; i < names.size(); i++) {
                    previous.put(names.get(i), rows.getString(2 * i + 1));
                }
            }
        }
        return previous;
    }

    private static Map<String, String> lowerCaseNames(Map<String, String> settings) {
        if (settings.isEmpty()) {
            return Map.of();
        }
        Map<String, String> lower = new HashMap<>();
        settings.forEach((name, value) -> lower.put(name.toLowerCase(Locale.ROOT), value));
        return lower;
    }
}
