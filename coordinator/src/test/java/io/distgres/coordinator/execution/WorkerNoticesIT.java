package io.distgres.coordinator.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.distgres.coordinator.testing.EmbeddedClusterExtension;
import io.distgres.coordinator.testing.FreshDatabases;
import io.distgres.coordinator.testing.Psql;
import io.distgres.coordinator.testing.SqlStatements;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.util.PSQLWarning;
import org.postgresql.util.ServerErrorMessage;

/**
 * NOTICEs and WARNINGs raised on the workers while they run a statement's tasks reach the client
 * as a plain PostgreSQL holding the same table shows them: one per raise (so one per shard for a
 * statement on every shard), with severity, SQLSTATE, message, detail and hint, before the
 * statement completes or fails.
 */
class WorkerNoticesIT {
    @RegisterExtension
    static final EmbeddedClusterExtension cluster = EmbeddedClusterExtension.cluster();
    private static final String[] FUNCTIONS = {
        "CREATE FUNCTION noisy(x int) RETURNS int LANGUAGE plpgsql AS $$ BEGIN RAISE NOTICE 'noisy %', x;"
                + " RETURN x; END $$",
        "CREATE FUNCTION careful(x int) RETURNS int LANGUAGE plpgsql AS $$ BEGIN RAISE WARNING 'careful %', x"
                + " USING DETAIL = 'detail of ' || x, HINT = 'hint of ' || x, ERRCODE = '01007'; RETURN x; END $$",
        "CREATE FUNCTION row_of(t text) RETURNS text LANGUAGE plpgsql AS $$ BEGIN RAISE NOTICE 'row of \"%\"', t;"
                + " RETURN t; END $$",
        "CREATE FUNCTION noisy_then_fail(x int) RETURNS int LANGUAGE plpgsql AS $$ BEGIN RAISE NOTICE 'before %', x;"
                + " RAISE EXCEPTION 'failed %', x; END $$"};
    private static String plainPostgres;

    @BeforeAll
    static void schema() throws SQLException {
        String[] table = {"CREATE TABLE events (id int PRIMARY KEY, note text)",
            "INSERT INTO events SELECT g, 'note ' || g FROM generate_series(1, 8) g"};
        plainPostgres = new FreshDatabases(cluster.coordinatorPostgresJdbcUrl()).create("plain");
        SqlStatements.execute(plainPostgres, table);
        SqlStatements.execute(plainPostgres, FUNCTIONS);
        SqlStatements.execute(cluster.jdbcUrl(), table[0], "SELECT create_distributed_table('events', 'id')",
                table[1]);
        // functions are not propagated: the coordinator plans with its own, the shards run the workers'
        SqlStatements.execute(cluster.jdbcUrl(), FUNCTIONS);
        for (String worker : cluster.workerPostgresJdbcUrls()) {
            SqlStatements.execute(worker, FUNCTIONS);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "&preferQueryMode=simple"})
    void routerStatementShowsTheNoticeOfItsShard(String mode) throws SQLException {
        String sql = "SELECT noisy(id) FROM events WHERE id = 3";
        assertThat(notices(cluster.jdbcUrl() + mode, sql)).containsExactlyElementsOf(notices(plainPostgres, sql))
                .containsExactly(List.of("NOTICE", "00000", "noisy 3"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "&preferQueryMode=simple"})
    void statementOnEveryShardShowsEachShardsNotices(String mode) throws SQLException {
        String sql = "SELECT noisy(id) FROM events";
        List<List<String>> expected = notices(plainPostgres, sql);
        assertThat(expected).hasSize(8);
        assertThat(notices(cluster.jdbcUrl() + mode, sql)).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void warningKeepsItsSqlStateDetailAndHint() throws SQLException {
        String sql = "UPDATE events SET note = note WHERE id = 4 AND careful(id) = 4";
        List<List<String>> expected = fields(serverMessages(plainPostgres, sql));
        assertThat(fields(serverMessages(cluster.jdbcUrl(), sql))).containsExactlyElementsOf(expected)
                .containsExactly(List.of("WARNING", "01007", "careful 4", "detail of 4", "hint of 4"));
    }

    @Test
    void shardNamesInANoticeBecomeTheTablesName() throws SQLException {
        String sql = "SELECT row_of(tableoid::regclass::text) FROM events WHERE id = 2";
        assertThat(notices(cluster.jdbcUrl(), sql)).containsExactlyElementsOf(notices(plainPostgres, sql))
                .containsExactly(List.of("NOTICE", "00000", "row of \"events\""));
    }

    @Test
    void noticesRaisedBeforeAWorkerErrorComeBeforeTheError() throws SQLException {
        try (Connection connection = DriverManager.getConnection(cluster.jdbcUrl());
             Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.executeQuery("SELECT noisy_then_fail(id) FROM events WHERE id = 5"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("failed 5");
            assertThat(messages(statement.getWarnings())).containsExactly(List.of("NOTICE", "00000", "before 5"));
        }
    }

    @Test
    void noticesInATransactionBlockReachTheClient() throws SQLException {
        try (Connection connection = DriverManager.getConnection(cluster.jdbcUrl())) {
            connection.setAutoCommit(false);
            String sql = "SELECT noisy(id) FROM events WHERE id = ?";
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setInt(1, 6);
                try (ResultSet rows = statement.executeQuery()) {
                    assertThat(rows.next()).isTrue();
                }
                assertThat(messages(statement.getWarnings())).containsExactly(List.of("NOTICE", "00000", "noisy 6"));
            }
            connection.commit();
        }
    }

    @Test
    void psqlPrintsTheWorkersNotice() throws Exception {
        String output = Psql.run(Map.of(), List.of("-h", "127.0.0.1", "-p", Integer.toString(cluster.port()), "-U",
                "postgres", "-v", "ON_ERROR_STOP=1", "-c", "SELECT noisy(id) FROM events WHERE id = 7;"));
        assertThat(output).contains("NOTICE:  noisy 7").contains("(1 row)");
    }

    /** Severity, SQLSTATE and message of each notice {@code sql} raised, in order. */
    private static List<List<String>> notices(String jdbcUrl, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl);
             Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery(sql)) {
                while (rows.next()) {
                    rows.getString(1);
                }
            }
            return messages(statement.getWarnings());
        }
    }

    private static List<ServerErrorMessage> serverMessages(String jdbcUrl, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl);
             Statement statement = connection.createStatement()) {
            statement.executeUpdate(sql);
            List<ServerErrorMessage> out = new ArrayList<>();
            for (SQLWarning w = statement.getWarnings(); w != null; w = w.getNextWarning()) {
                out.add(((PSQLWarning) w).getServerErrorMessage());
            }
            return out;
        }
    }

    private static List<List<String>> fields(List<ServerErrorMessage> messages) {
        return messages.stream().map(m -> List.of(m.getSeverity(), m.getSQLState(), m.getMessage(), m.getDetail(),
                m.getHint())).toList();
    }

    private static List<List<String>> messages(SQLWarning first) {
        List<List<String>> out = new ArrayList<>();
        for (SQLWarning w = first; w != null; w = w.getNextWarning()) {
            ServerErrorMessage m = ((PSQLWarning) w).getServerErrorMessage();
            out.add(List.of(m.getSeverity(), m.getSQLState(), m.getMessage()));
        }
        return out;
    }
}
