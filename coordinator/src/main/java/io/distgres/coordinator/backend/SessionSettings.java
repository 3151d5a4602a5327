package io.distgres.coordinator.backend;

import io.distgres.planner.sql.SqlLiterals;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The session-level settings (GUCs) a client session has changed from the server defaults, as
 * PostgreSQL reports them in {@code pg_settings} with source 'session'. A pooled connection is
 * made to carry exactly these before it runs the session's statements.
 */
public record SessionSettings(SortedMap<String, String> values) {
    public static final SessionSettings EMPTY = new SessionSettings(new TreeMap<>());

    /**
     * Reads the session-level settings of the connection they were just changed on, then (as rows
     * named {@link #SESSION_AUTHORIZATION} and {@link #ROLE}, which pg_settings never shows) the
     * session's roles: they are not settings to restore but who the session is, kept apart.
     */
    public static final String SNAPSHOT_SQL = "SELECT name, setting FROM pg_catalog.pg_settings "
            + "WHERE source = 'session' AND name <> 'client_encoding' UNION ALL VALUES ('session_authorization', "
            + "pg_catalog.current_setting('session_authorization')), ('role', pg_catalog.current_setting('role'))";
    public static final String SESSION_AUTHORIZATION = "session_authorization";
    public static final String ROLE = "role";

    public SessionSettings {
        values = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(values));
    }

    public static SessionSettings of(Map<String, String> values) {
        return new SessionSettings(new TreeMap<>(values));
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** Statements that turn a connection carrying other settings into one carrying these. */
    public List<String> restoreSql(boolean resetFirst) {
        List<String> statements = new ArrayList<>(2);
        if (resetFirst) {
            statements.add("RESET ALL");
        }
        if (!values.isEmpty()) {
            StringBuilder sql = new StringBuilder("SELECT ");
            boolean first = true;
            for (Map.Entry<String, String> e : values.entrySet()) {
                if (!first) {
                    sql.append(", ");
                }
                first = false;
                sql.append("pg_catalog.set_config(").append(SqlLiterals.quote(e.getKey())).append(", ")
                        .append(SqlLiterals.quote(e.getValue())).append(", false)");
            }
            statements.add(sql.toString());
        }
        return statements;
    }

}
