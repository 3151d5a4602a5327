package io.distgres.worker;

import io.distgres.proto.worker.v1.Identity;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import org.postgresql.core.BaseConnection;

/**
 * Gives a pooled connection the roles a task's session acts as (SET SESSION AUTHORIZATION, SET
 * ROLE) and its forwarded settings ({@link SessionSettingsOnConnection}), and remembers what each
 * connection carries, so the task of a session whose roles and settings did not change costs no
 * round trip. The connection was opened by the session's login (see
 * {@link PostgresPool}), so PostgreSQL itself refuses roles the login may not take.
 */
final class RolesOnConnection {
    private final String agentUser;
    private final Map<BaseConnection, Roles> carried = Collections.synchronizedMap(new WeakHashMap<>());
    private final SessionSettingsOnConnection settings = new SessionSettingsOnConnection();

    /** @param agentUser the agent's own PostgreSQL user: the login of tasks that name none */
    RolesOnConnection(String agentUser) {
        this.agentUser = agentUser;
    }

    /**
     * Makes {@code connection} carry {@code identity}'s roles and none of a session's settings
     * (see {@link #apply(Connection, Identity, Map)}); for work that forwards no settings.
     */
    void apply(Connection connection, Identity identity) throws SQLException {
        apply(connection, identity, Map.of());
    }

    /**
     * Makes {@code connection} carry {@code identity}'s roles and exactly the session settings
     * {@code sessionSettings} (at session level, in autocommit); a no-op when it does.
     */
    void apply(Connection connection, Identity identity, Map<String, String> sessionSettings) throws SQLException {
        applyRoles(connection, identity);
        settings.reconcile(connection, sessionSettings);
    }

    /** The session settings connections carry, for tasks inside pinned transactions. */
    SessionSettingsOnConnection settings() {
        return settings;
    }

    private void applyRoles(Connection connection, Identity identity) throws SQLException {
        BaseConnection pg = connection.unwrap(BaseConnection.class);
        Roles wanted = wanted(identity);
        Roles current = carried.get(pg);
        if (current == null) {
            // a connection not seen yet carries its login's own roles
            current = wanted(Identity.getDefaultInstance(), identity.getLogin());
        }
        // a task may have run set_config('session_authorization', ...) itself: PostgreSQL reports it
        if (current.equals(wanted) && wanted.sessionAuthorization().equals(pg.getParameterStatus("session_authorization"))) {
            return;
        }
        carried.put(pg, Roles.UNKNOWN);
        set(connection, wanted);
        carried.put(pg, wanted);
    }

    /** The roles {@code identity} asks for, as PostgreSQL names them. */
    Roles wanted(Identity identity) {
        return wanted(identity, identity.getLogin());
    }

    private Roles wanted(Identity identity, String login) {
        String effectiveLogin = login.isEmpty() ? agentUser : login;
        return new Roles(identity.getSessionAuthorization().isEmpty() ? effectiveLogin
                : identity.getSessionAuthorization(), identity.getRole().isEmpty() ? "none" : identity.getRole());
    }

    /** Sets {@code roles} on the connection now (inside its transaction, if one is open). */
    static void set(Connection connection, Roles roles) throws SQLException {
        // session authorization first: setting it resets the role
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT pg_catalog.set_config('session_authorization', ?, false), pg_catalog.set_config('role', ?, false)")) {
            statement.setString(1, roles.sessionAuthorization());
            statement.setString(2, roles.role());
            statement.executeQuery().close();
        }
    }

    /** What the connection carries is unknown (a transaction that changed it may have committed or not). */
    void forget(Connection connection) {
        try {
            carried.put(connection.unwrap(BaseConnection.class), Roles.UNKNOWN);
        } catch (SQLException e) {
            // not a pgjdbc connection: nothing was remembered for it
        }
    }

    /** A session authorization and a role, as current_setting() prints them ("none": no SET ROLE). */
    record Roles(String sessionAuthorization, String role) {
        /** Matches no wanted roles: the next task sets its own. */
        static final Roles UNKNOWN = new Roles("", "");
    }
}
