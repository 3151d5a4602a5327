package io.distgres.coordinator.ddl;

import static org.assertj.core.api.Assertions.assertThat;

import io.distgres.coordinator.ddl.DdlCommand.TableRef;
import io.distgres.planner.sql.StatementText;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrivilegeStatementTest {
    @Test
    void roleStatementsAndMembershipGrantsRunUnchangedEverywhere() {
        for (String sql : List.of("CREATE ROLE r LOGIN", "create user u", "ALTER GROUP g ADD USER u", "DROP ROLE IF EXISTS a, b",
                "GRANT reader TO tu WITH INHERIT FALSE", "REVOKE ADMIN OPTION FOR reader FROM tu")) {
            assertThat(parse(sql)).as(sql).isInstanceOf(PrivilegeStatement.RoleCommand.class);
        }
        assertThat(PrivilegeStatement.of(StatementText.of("CREATE USER MAPPING FOR tu SERVER s"))).isEmpty();
        assertThat(PrivilegeStatement.of(StatementText.of("CREATE TABLE roles (r text)"))).isEmpty();
    }

    @Test
    void grantsOnTablesKnowWhereTheirTableListIs() {
        String sql = "GRANT SELECT (k, v), INSERT ON TABLE s.t, \"Mixed\" TO reader WITH GRANT OPTION";
        var onTables = (PrivilegeStatement.OnTables) parse(sql);
        assertThat(onTables.tables()).extracting(TableRef::parts).containsExactly(List.of("s", "t"), List.of("Mixed"));
        assertThat(sql.substring(onTables.listStart(), onTables.listEnd())).isEqualTo("s.t, \"Mixed\"");

        String revoke = "REVOKE GRANT OPTION FOR SELECT ON dist FROM reader CASCADE";
        var revoked = (PrivilegeStatement.OnTables) parse(revoke);
        assertThat(revoke.substring(revoked.listStart(), revoked.listEnd())).isEqualTo("dist");
    }

    @Test
    void schemaWideGrantsAndOtherObjects() {
        assertThat(((PrivilegeStatement.OnAllTablesInSchemas) parse(
                "GRANT SELECT ON ALL TABLES IN SCHEMA public, \"Other\" TO tu")).schemas())
                .containsExactly("public", "Other");
        assertThat(parse("GRANT USAGE ON SCHEMA s TO tu")).isInstanceOf(PrivilegeStatement.OnOtherObjects.class);
        assertThat(parse("REVOKE ALL ON SEQUENCE seq FROM tu")).isInstanceOf(PrivilegeStatement.OnOtherObjects.class);
        assertThat(parse("GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA s TO tu"))
                .isInstanceOf(PrivilegeStatement.OnOtherObjects.class);
    }

    private static PrivilegeStatement parse(String sql) {
        return PrivilegeStatement.of(StatementText.of(sql)).orElseThrow();
    }
}
