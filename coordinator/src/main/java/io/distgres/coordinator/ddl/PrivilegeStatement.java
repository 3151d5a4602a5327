package io.distgres.coordinator.ddl;

import io.distgres.coordinator.ddl.DdlCommand.TableRef;
import io.distgres.planner.sql.SqlTokens;
import io.distgres.planner.sql.StatementText;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A statement about roles or privileges, read from the lexer's tokens as far as propagating it to
 * the workers needs: role statements run unchanged everywhere, GRANT and REVOKE on tables run on
 * each worker with the tables' shards in place of the tables.
 */
sealed interface PrivilegeStatement {
    /** Object types GRANT and REVOKE name after ON whose objects live on the coordinator only. */
    Set<String> OTHER_OBJECTS = Set.of("SEQUENCE", "DATABASE", "DOMAIN", "FOREIGN", "FUNCTION", "PROCEDURE",
            "ROUTINE", "LANGUAGE", "LARGE", "PARAMETER", "SCHEMA", "TABLESPACE", "TYPE", "ALL");

    /** CREATE, ALTER or DROP ROLE (USER, GROUP), and GRANT or REVOKE of role membership: the same on every node. */
    record RoleCommand() implements PrivilegeStatement {
    }

    /**
     * GRANT or REVOKE on tables; {@code [listStart, listEnd)} is the span of the table list, which
     * each worker's statement replaces with the names of the shards it holds.
     */
    record OnTables(List<TableRef> tables, int listStart, int listEnd) implements PrivilegeStatement {
        public OnTables {
            tables = List.copyOf(tables);
        }
    }

    /** GRANT or REVOKE ... ON ALL TABLES IN SCHEMA: the same on every worker holding shards of those schemas. */
    record OnAllTablesInSchemas(List<String> schemas) implements PrivilegeStatement {
        public OnAllTablesInSchemas {
            schemas = List.copyOf(schemas);
        }
    }

    /** GRANT or REVOKE on schemas, sequences, functions and other objects: the coordinator's alone. */
    record OnOtherObjects() implements PrivilegeStatement {
    }

    /** What {@code statement} is, when it is a role statement, a GRANT or a REVOKE. */
    static Optional<PrivilegeStatement> of(StatementText statement) {
        SqlTokens tokens = SqlTokens.of(statement);
        if (tokens.size() < 2) {
            return Optional.empty();
        }
        String first = tokens.keyword(0);
        String second = tokens.keyword(1);
        if (first.equals("CREATE") || first.equals("ALTER") || first.equals("DROP")) {
            boolean role = second.equals("ROLE") || second.equals("GROUP")
                    // USER MAPPING is a foreign server's, not a role
                    || second.equals("USER") && !tokens.isKeyword(2, "MAPPING");
            return role ? Optional.of(new RoleCommand()) : Optional.empty();
        }
        if (!first.equals("GRANT") && !first.equals("REVOKE")) {
            return Optional.empty();
        }
        int end = tokens.findKeyword(1, tokens.size(), first.equals("GRANT") ? "TO" : "FROM");
        int on = tokens.findKeyword(1, end < 0 ? tokens.size() : end, "ON");
        if (on < 0) {
            return Optional.of(new RoleCommand());
        }
        if (end < 0 || end <= on + 1) {
            // let PostgreSQL report the syntax error on the coordinator
            return Optional.of(new OnOtherObjects());
        }
        int at = on + 1;
        String objectType = tokens.keyword(at);
        if (tokens.isKeywords(at, "ALL", "TABLES", "IN", "SCHEMA") && at + 3 < end) {
            List<String> schemas = new ArrayList<>();
            for (SqlTokens.Span item : tokens.splitAtCommas(at + 4, end)) {
                List<String> name = names(tokens, item);
                if (name.size() != 1) {
                    return Optional.of(new OnOtherObjects());
                }
                schemas.add(name.get(0));
            }
            return Optional.of(new OnAllTablesInSchemas(schemas));
        }
        if (OTHER_OBJECTS.contains(objectType)) {
            return Optional.of(new OnOtherObjects());
        }
        if (objectType.equals("TABLE")) {
            at++;
        }
        List<TableRef> tables = new ArrayList<>();
        for (SqlTokens.Span item : tokens.splitAtCommas(at, end)) {
            List<String> parts = names(tokens, item);
            if (parts.isEmpty()) {
                return Optional.of(new OnOtherObjects());
            }
            tables.add(new TableRef(tokens.get(item.from()).start(), tokens.get(item.to() - 1).end(), parts));
        }
        return Optional.of(new OnTables(tables, tokens.get(at).start(), tokens.get(end - 1).end()));
    }

    /**
     * The parts of the dotted name in {@code item} as PostgreSQL stores them; none when the item is
     * not a name (PostgreSQL reports the error on the coordinator).
     */
    private static List<String> names(SqlTokens tokens, SqlTokens.Span item) {
        List<String> parts = new ArrayList<>();
        for (int i = item.from(); i < item.to(); i += 2) {
            String part = tokens.identifier(i);
            boolean dotNext = i + 1 < item.to();
            if (part == null || dotNext && !tokens.isSymbol(i + 1, ".")) {
                return List.of();
            }
            parts.add(part);
        }
        return parts;
    }
}
