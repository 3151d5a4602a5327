package io.distgres.coordinator.schema;

import static io.distgres.planner.sql.SqlIdentifiers.quote;

import io.distgres.planner.sql.SqlIdentifiers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A table's owner and its privileges (table and column ACLs) as the coordinator database has them,
 * and the statements that give a shard exactly the same, so a role reads and writes the shards it
 * may read and write through the table, and no others.
 *
 * @param owner  the table's owner
 * @param hasAcl false while the table has the default privileges (only its owner's)
 * @param grants every ACL entry, as {@code aclexplode} lists them
 */
public record TablePrivileges(String owner, boolean hasAcl, List<Grant> grants) {
    private static final String OWNER = """
            SELECT pg_catalog.pg_get_userbyid(c.relowner), c.relacl IS NOT NULL FROM pg_catalog.pg_class c
            JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = ?""";
    private static final String GRANTS = """
            SELECT NULL::name, pg_catalog.pg_get_userbyid(a.grantor), a.grantee, pg_catalog.pg_get_userbyid(a.grantee),
                   a.privilege_type, a.is_grantable
            FROM pg_catalog.pg_class c CROSS JOIN LATERAL pg_catalog.aclexplode(c.relacl) a
            WHERE c.oid = ?::regclass
            UNION ALL
            SELECT att.attname, pg_catalog.pg_get_userbyid(a.grantor), a.grantee, pg_catalog.pg_get_userbyid(a.grantee),
                   a.privilege_type, a.is_grantable
            FROM pg_catalog.pg_attribute att CROSS JOIN LATERAL pg_catalog.aclexplode(att.attacl) a
            WHERE att.attrelid = ?::regclass AND att.attnum > 0 AND NOT att.attisdropped""";

    public TablePrivileges {
        grants = List.copyOf(grants);
    }

    /** One privilege one role granted another (grantee null: PUBLIC), on the table or on one column. */
    record Grant(String column, String grantor, String grantee, String privilege, boolean grantable) {
    }

    /** The owner and privileges of {@code schema.table}. */
    public static TablePrivileges read(Connection connection, String schema, String table) throws SQLException {
        String owner;
        boolean hasAcl;
        try (PreparedStatement ps = connection.prepareStatement(OWNER)) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                owner = rs.getString(1);
                hasAcl = rs.getBoolean(2);
            }
        }
        List<Grant> grants = new ArrayList<>();
        String qualified = SqlIdentifiers.qualified(schema, table);
        try (PreparedStatement ps = connection.prepareStatement(GRANTS)) {
            ps.setString(1, qualified);
            ps.setString(2, qualified);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    grants.add(new Grant(rs.getString(1), rs.getString(2), rs.getLong(3) == 0 ? null : rs.getString(4),
                            rs.getString(5), rs.getBoolean(6)));
                }
            }
        }
        return new TablePrivileges(owner, hasAcl, grants);
    }

    /**
     * Statements, for a script run by a superuser, that give {@code qualifiedShard} this owner and
     * these privileges. Each grant is made by its own grantor (SET LOCAL ROLE), after the grants
     * that gave that grantor the grant option, as PostgreSQL records who granted what.
     */
    public List<String> applyTo(String qualifiedShard) {
        List<String> statements = new ArrayList<>();
        statements.add("ALTER TABLE " + qualifiedShard + " OWNER TO " + quote(owner));
        if (!hasAcl) {
            return statements;
        }
        // from the default privileges to none: the owner's own entries are among the grants
        statements.add("REVOKE ALL ON TABLE " + qualifiedShard + " FROM " + quote(owner));
        for (List<Grant> group : grouped(ordered())) {
            Grant first = group.get(0);
            List<String> privileges = group.stream().map(Grant::privilege).toList();
            statements.add("SET LOCAL ROLE " + quote(first.grantor()));
            statements.add("GRANT " + String.join(", ", privileges)
                    + (first.column() == null ? "" : " (" + quote(first.column()) + ")")
                    + " ON TABLE " + qualifiedShard + " TO " + (first.grantee() == null ? "PUBLIC" : quote(first.grantee()))
                    + (first.grantable() ? " WITH GRANT OPTION" : ""));
        }
        statements.add("RESET ROLE");
        return statements;
    }

    /** The grants in an order where each grantor holds the grant option before it grants. */
    private List<Grant> ordered() {
        return GrantOrder.order(grants, grant -> grant.grantor().equals(owner), grant -> key(grant.grantor(), grant),
                grant -> grant.grantable() && grant.grantee() != null
                        ? Optional.of(key(grant.grantee(), grant)) : Optional.empty());
    }

    private static String key(String role, Grant grant) {
        return role + "\u0000" + grant.privilege() + "\u0000" + grant.column();
    }

    /** Runs of grants with the same grantor, grantee, column and grant option: one GRANT statement each. */
    private static List<List<Grant>> grouped(List<Grant> grants) {
        List<List<Grant>> groups = new ArrayList<>();
        for (Grant grant : grants) {
            List<Grant> last = groups.isEmpty() ? null : groups.get(groups.size() - 1);
            if (last != null && sameStatement(last.get(0), grant)) {
                last.add(grant);
            } else {
                groups.add(new ArrayList<>(List.of(grant)));
            }
        }
        return groups;
    }

    private static boolean sameStatement(Grant a, Grant b) {
        return a.grantor().equals(b.grantor()) && java.util.Objects.equals(a.grantee(), b.grantee())
                && java.util.Objects.equals(a.column(), b.column()) && a.grantable() == b.grantable();
    }
}
