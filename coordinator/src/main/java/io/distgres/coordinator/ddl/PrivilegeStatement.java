package io.distgres.coordinator.ddl;

import io.distgres.coordinator.ddl.DdlCommand.TableRef;
import io.distgres.planner.sql.SqlToken;
import io.distgres.planner.sql.StatementText;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
        List<SqlToken> tokens = statement.tokens().stream()
                .filter(t -> !t.isTrivia() && t.kind() != SqlToken.Kind.SEMICOLON).toList();
        String text = statement.text();
        if (tokens.size() < 2) {
            return Optional.empty();
        }
        String first = word(text, tokens, 0);
        String second = word(text, tokens, 1);
        if (first.equals("CREATE") || first.equals("ALTER") || first.equals("DROP")) {
            boolean role = second.equals("ROLE") || second.equals("GROUP")
                    // USER MAPPING is a foreign server's, not a role
                    || second.equals("USER") && !(tokens.size() > 2 && word(text, tokens, 2).equals("MAPPING"));
            return role ? Optional.of(new RoleCommand()) : Optional.empty();
        }
        if (!first.equals("GRANT") && !first.equals("REVOKE")) {
            return Optional.empty();
        }
        String target = first.equals("GRANT") ? "TO" : "FROM";
        int on = -1;
        int end = -1;
        int depth = 0;
        for (int i = 1; i < tokens.size() && end < 0; i++) {
            SqlToken token = tokens.get(i);
            if (token.kind() == SqlToken.Kind.OPEN_PAREN) {
                depth++;
            } else if (token.kind() == SqlToken.Kind.CLOSE_PAREN) {
                depth--;
            } else if (depth == 0 && token.kind() == SqlToken.Kind.WORD) {
                String w = word(text, tokens, i);
                if (w.equals("ON") && on < 0) {
                    on = i;
                } else if (w.equals(target)) {
                    end = i;
                }
            }
        }
        if (on < 0) {
            return Optional.of(new RoleCommand());
        }
        if (end < 0 || end <= on + 1) {
            // let PostgreSQL report the syntax error on the coordinator
            return Optional.of(new OnOtherObjects());
        }
        int at = on + 1;
        String objectType = word(text, tokens, at);
        if (objectType.equals("ALL") && at + 3 < end && word(text, tokens, at + 1).equals("TABLES")
                && word(text, tokens, at + 2).equals("IN") && word(text, tokens, at + 3).equals("SCHEMA")) {
            List<String> schemas = new ArrayList<>();
            for (int i = at + 4; i < end; i++) {
                if (!isComma(text, tokens.get(i))) {
                    schemas.add(identifier(text, tokens.get(i)));
                }
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
        List<String> parts = new ArrayList<>();
        int refStart = tokens.get(at).start();
        for (int i = at; i < end; i++) {
            SqlToken token = tokens.get(i);
            if (isComma(text, token)) {
                tables.add(new TableRef(refStart, tokens.get(i - 1).end(), parts));
                parts = new ArrayList<>();
                refStart = i + 1 < end ? tokens.get(i + 1).start() : token.end();
            } else if (!(token.kind() == SqlToken.Kind.OPERATOR && token.text(text).equals("."))) {
                parts.add(identifier(text, token));
            }
        }
        tables.add(new TableRef(refStart, tokens.get(end - 1).end(), parts));
        return Optional.of(new OnTables(tables, tokens.get(at).start(), tokens.get(end - 1).end()));
    }

    private static String word(String text, List<SqlToken> tokens, int i) {
        SqlToken token = tokens.get(i);
        return token.kind() == SqlToken.Kind.WORD ? token.text(text).toUpperCase(Locale.ROOT) : "";
    }

    private static boolean isComma(String text, SqlToken token) {
        return token.kind() == SqlToken.Kind.OPERATOR && token.text(text).equals(",");
    }

    /** An identifier as PostgreSQL stores it: unquoted, or folded to lower case. */
    private static String identifier(String text, SqlToken token) {
        String raw = token.text(text);
        if (token.kind() == SqlToken.Kind.QUOTED_IDENTIFIER && raw.length() >= 2) {
            return raw.substring(1, raw.length() - 1).replace("\"\"", "\"");
        }
        return raw.toLowerCase(Locale.ROOT);
    }
}
