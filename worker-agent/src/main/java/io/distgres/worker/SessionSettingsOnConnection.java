package io.distgres.worker;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A client session's settings (TimeZone, DateStyle ...) applied to a pooled connection for one
 * task and put back afterwards, so the next task on the connection sees the server's defaults.
 */
final class SessionSettingsOnConnection {
    private SessionSettingsOnConnection() {
    }

    /** Applies {@code settings}; returns the values they replaced. */
    static Map<String, String> apply(Connection connection, Map<String, String> settings) throws SQLException {
        List<String> names = new ArrayList<>(settings.keySet());
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < names.size(); i++) {
            // the target list is evaluated left to right: each current value is read before it is set
            sql.append(i == 0 ? "" : ", ").append("pg_catalog.current_setting(?), pg_catalog.set_config(?, ?, false)");
        }
        Map<String, String> previous = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            int p = 1;
            for (String name : names) {
                statement.setString(p++, name);
                statement.setString(p++, name);
                statement.setString(p++, settings.get(name));
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

    /**
     * Puts {@code previous} back. Returns false when that failed (the connection must not be
     * reused); inside a pinned transaction a failure is harmless, its rollback undoes the settings.
     */
    static boolean restore(Connection connection, Map<String, String> previous, boolean pinned) {
        StringBuilder sql = new StringBuilder("SELECT ");
        List<String> names = new ArrayList<>(previous.keySet());
        for (int i = 0; i < names.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("pg_catalog.set_config(?, ?, false)");
        }
        try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            int p = 1;
            for (String name : names) {
                statement.setString(p++, name);
                statement.setString(p++, previous.get(name));
            }
            statement.executeQuery().close();
            if (!pinned && !connection.getAutoCommit()) {
                connection.commit();
            }
            return true;
        } catch (SQLException e) {
            return false;
        }
    }
}
