package io.distgres.coordinator.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.distgres.coordinator.testing.EmbeddedClusterExtension;
import io.distgres.coordinator.testing.FreshDatabases;
import io.distgres.coordinator.testing.SqlStatements;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Errors raised on a worker reach the client exactly as a plain PostgreSQL holding the same
 * table raises them: SQLSTATE, message, detail, hint, position and the object names, with no
 * shard name showing through.
 */
class WorkerErrorFidelityIT {
    @RegisterExtension
    static final EmbeddedClusterExtension cluster = EmbeddedClusterExtension.cluster();
    private static String plainPostgres;

    @BeforeAll
    static void schema() throws SQLException {
        String[] schema = {"CREATE TABLE accounts (id int PRIMARY KEY, balance int NOT NULL, owner text)",
            "INSERT INTO accounts VALUES (1, 10, 'ann'), (2, 0, 'bob')"};
        plainPostgres = new FreshDatabases(cluster.coordinatorPostgresJdbcUrl()).create("plain");
        SqlStatements.execute(plainPostgres, schema);
        SqlStatements.execute(cluster.jdbcUrl(), schema[0], "SELECT create_distributed_table('accounts', 'id')",
                schema[1]);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "SELECT balance / 0 FROM accounts WHERE id = 1",
        "SELECT balanse FROM accounts WHERE id = 1",
        "SELECT id FROM accounts WHERE id = 1 AND balanse > 0",
        "SELECT a.id FROM accounts a WHERE a.id = 2 AND a.ownr = 'bob'",
        "INSERT INTO accounts VALUES (1, 5, 'dup')",
        "INSERT INTO accounts (id, owner) VALUES (3, 'nobalance')",
        "UPDATE accounts SET balance = balance / (balance - balance) WHERE id = 2",
        "SELECT id FROM accounts WHERE id = 1 AND owner = 1::int"})
    void errorFieldsMatchPlainPostgres(String sql) {
        for (String mode : List.of("", "&preferQueryMode=simple")) {
            ServerErrorMessage expected = failure(plainPostgres + mode, sql);
            ServerErrorMessage actual = failure(cluster.jdbcUrl() + mode, sql);
            assertThat(fields(actual)).as(sql + mode).containsExactlyElementsOf(fields(expected));
        }
    }

    private static List<Object> fields(ServerErrorMessage m) {
        return java.util.Arrays.asList(m.getSQLState(), m.getMessage(), m.getDetail(), m.getHint(), m.getPosition(),
                m.getSchema(), m.getTable(), m.getColumn(), m.getDatatype(), m.getConstraint());
    }

    private static ServerErrorMessage failure(String jdbcUrl, String sql) {
        PSQLException[] caught = new PSQLException[1];
        assertThatThrownBy(() -> SqlStatements.execute(jdbcUrl, sql)).as(sql)
                .isInstanceOfSatisfying(PSQLException.class, e -> caught[0] = e);
        return caught[0].getServerErrorMessage();
    }
}
