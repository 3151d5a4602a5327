package io.distgres.coordinator.ddl;

import static io.distgres.planner.sql.SqlIdentifiers.quote;
import static java.util.Objects.requireNonNull;

import io.distgres.coordinator.metadata.CatalogSnapshot;
import io.distgres.coordinator.metadata.DistNode;
import io.distgres.coordinator.schema.GrantOrder;
import io.distgres.coordinator.worker.WorkerClients;
import io.distgres.planner.sql.SqlIdentifiers;
import io.distgres.planner.sql.SqlLiterals;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the coordinator's roles exist on the workers, with the same attributes (LOGIN, SUPERUSER,
 * password hash, ...) and memberships, when the coordinator starts: worker tasks run as the
 * client's role, so it must exist there. Roles created later through the coordinator reach the
 * workers with their statement ({@link PrivilegePropagator}). Adds and updates only: a role
 * present on a worker alone is left alone.
 */
public final class RoleSynchronizer {
    private static final Logger LOG = LoggerFactory.getLogger(RoleSynchronizer.class);
    private static final Duration TIMEOUT = Duration.ofMinutes(1);
    private static final String DO_TAG = "$distgres_roles$";
    private static final String ROLES = """
            SELECT oid, rolname, rolsuper, rolinherit, rolcreaterole, rolcreatedb, rolcanlogin, rolreplication,
                   rolbypassrls, rolconnlimit, rolpassword, rolvaliduntil::text
            FROM pg_catalog.pg_authid WHERE rolname !~ '^pg_' ORDER BY oid""";
    private static final String MEMBERSHIPS = """
            SELECT r.rolname, m.rolname, g.rolname, g.rolsuper, a.admin_option, a.inherit_option, a.set_option
            FROM pg_catalog.pg_auth_members a
            JOIN pg_catalog.pg_authid r ON r.oid = a.roleid
            JOIN pg_catalog.pg_authid m ON m.oid = a.member
            JOIN pg_catalog.pg_authid g ON g.oid = a.grantor
            WHERE r.rolname !~ '^pg_' AND m.rolname !~ '^pg_'
            ORDER BY a.oid""";

    private final DataSource coordinatorDatabase;
    private final WorkerClients workers;

    /** @param coordinatorDatabase connections as a superuser (role passwords are read from pg_authid) */
    public RoleSynchronizer(DataSource coordinatorDatabase, WorkerClients workers) {
        this.coordinatorDatabase = requireNonNull(coordinatorDatabase, "coordinatorDatabase is null");
        this.workers = requireNonNull(workers, "workers is null");
    }

    /** Synchronises every active primary; a worker that fails is logged and skipped (its tasks then fail for unknown roles). */
    public void synchronize(CatalogSnapshot catalog) {
        List<String> script;
        try {
            script = script();
        } catch (SQLException e) {
            LOG.warn("could not read the coordinator's roles to synchronise the workers: {}", e.getMessage());
            return;
        }
        for (DistNode node : catalog.nodes()) {
            if (!node.isActive() || node.role() != DistNode.Role.PRIMARY) {
                continue;
            }
            try {
                workers.forNode(node).executeScript(script, TIMEOUT);
            } catch (RuntimeException e) {
                LOG.warn("could not synchronise roles to {}: {}", node.name(), e.getMessage());
            }
        }
    }

    /** The statements that bring a worker's roles in line with the coordinator's, in one transaction. */
    List<String> script() throws SQLException {
        List<String> statements = new ArrayList<>();
        try (Connection connection = coordinatorDatabase.getConnection(); Statement query = connection.createStatement()) {
            try (ResultSet roles = query.executeQuery(ROLES)) {
                while (roles.next()) {
                    String name = roles.getString(2);
                    if (name.contains(DO_TAG)) {
                        LOG.warn("role {} is not synchronised to the workers: its name holds {}", name, DO_TAG);
                        continue;
                    }
                    statements.add(createOrAlter(roles));
                }
            }
            List<String> grants = new ArrayList<>();
            List<String[]> pending = new ArrayList<>();
            try (ResultSet members = query.executeQuery(MEMBERSHIPS)) {
                while (members.next()) {
                    pending.add(new String[] {members.getString(1), members.getString(2), members.getString(3),
                            Boolean.toString(members.getBoolean(4)), Boolean.toString(members.getBoolean(5)),
                            Boolean.toString(members.getBoolean(6)), Boolean.toString(members.getBoolean(7))});
                }
            }
            orderByGrantor(pending).forEach(g -> grants.add(grant(g)));
            statements.addAll(grants);
        }
        return statements;
    }

    /** CREATE ROLE when missing, else ALTER ROLE to the same attributes; never alters the worker's bootstrap superuser. */
    private static String createOrAlter(ResultSet role) throws SQLException {
        String name = role.getString(2);
        StringBuilder attributes = new StringBuilder();
        attributes.append(role.getBoolean(3) ? " SUPERUSER" : " NOSUPERUSER")
                .append(role.getBoolean(4) ? " INHERIT" : " NOINHERIT")
                .append(role.getBoolean(5) ? " CREATEROLE" : " NOCREATEROLE")
                .append(role.getBoolean(6) ? " CREATEDB" : " NOCREATEDB")
                .append(role.getBoolean(7) ? " LOGIN" : " NOLOGIN")
                .append(role.getBoolean(8) ? " REPLICATION" : " NOREPLICATION")
                .append(role.getBoolean(9) ? " BYPASSRLS" : " NOBYPASSRLS")
                .append(" CONNECTION LIMIT ").append(role.getInt(10));
        String password = role.getString(11);
        // the hash as stored: PostgreSQL keeps an already hashed password as it is
        attributes.append(password == null ? " PASSWORD NULL" : " PASSWORD " + SqlLiterals.quote(password));
        String validUntil = role.getString(12);
        attributes.append(" VALID UNTIL ").append(SqlLiterals.quote(validUntil == null ? "infinity" : validUntil));
        String exists = "SELECT FROM pg_catalog.pg_roles WHERE rolname = " + SqlLiterals.quote(name);
        if (role.getLong(1) == 10) {
            // the coordinator's bootstrap superuser: created if missing, the worker's own is not touched
            return "DO " + DO_TAG + " BEGIN IF NOT EXISTS (" + exists + ") THEN CREATE ROLE " + quote(name)
                    + attributes + "; END IF; END " + DO_TAG;
        }
        return "DO " + DO_TAG + " BEGIN IF NOT EXISTS (" + exists + ") THEN CREATE ROLE " + quote(name) + attributes
                + "; ELSIF (" + exists.replace("SELECT FROM", "SELECT oid FROM") + ") <> 10 THEN ALTER ROLE "
                + quote(name) + attributes + "; END IF; END " + DO_TAG;
    }

    /** Grants whose grantor is a superuser first, then each once its grantor holds the admin option. */
    private static List<String[]> orderByGrantor(List<String[]> grants) {
        return GrantOrder.order(grants, g -> Boolean.parseBoolean(g[3]), g -> g[0] + "\u0000" + g[2],
                g -> Boolean.parseBoolean(g[4]) ? Optional.of(g[0] + "\u0000" + g[1])
                        : Optional.empty());
    }

    /** GRANT role TO member with the same options and grantor, when the worker lacks that grant. */
    private static String grant(String[] g) {
        String role = g[0];
        String member = g[1];
        String grantor = g[2];
        String missing = "NOT EXISTS (SELECT FROM pg_catalog.pg_auth_members a WHERE a.roleid = "
                + "(SELECT oid FROM pg_catalog.pg_roles WHERE rolname = " + SqlLiterals.quote(role)
                + ") AND a.member = (SELECT oid FROM pg_catalog.pg_roles WHERE rolname = "
                + SqlLiterals.quote(member) + ") AND a.grantor = (SELECT oid FROM pg_catalog.pg_roles"
                + " WHERE rolname = " + SqlLiterals.quote(grantor) + "))";
        return "DO " + DO_TAG + " BEGIN IF " + missing + " THEN GRANT " + quote(role) + " TO " + quote(member)
                + " WITH ADMIN " + g[4] + ", INHERIT " + g[5] + ", SET " + g[6] + " GRANTED BY " + quote(grantor)
                + "; END IF; END " + DO_TAG;
    }
}
