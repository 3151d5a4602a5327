package io.distgres.coordinator.pgwire;

import static io.distgres.coordinator.pgwire.JdbcModes.connect;
import static io.distgres.coordinator.pgwire.JdbcModes.execute;
import static io.distgres.coordinator.pgwire.JdbcModes.label;
import static io.distgres.coordinator.pgwire.JdbcModes.queryString;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.distgres.coordinator.testing.EmbeddedClusterExtension;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * The front door as a pgjdbc application sees it, in each protocol mode: batches and update counts,
 * cursor fetches, transaction state and savepoints, error fields (compared with direct PostgreSQL),
 * metadata and notices. Cancellation and session settings are in {@link PgJdbcSessionIT}.
 */
class PgJdbcIT {
    @RegisterExtension
    static EmbeddedClusterExtension cluster = EmbeddedClusterExtension.cluster();

    @ParameterizedTest
    @MethodSource("io.distgres.coordinator.pgwire.JdbcModes#all")
    void batchInsertsReportTheSameUpdateCountsAsDirectly(String mode) throws SQLException {
        for (String rewrite : List.of("reWriteBatchedInserts=false", "reWriteBatchedInserts=true")) {
            String table = "batch_" + label(mode) + "_" + (rewrite.endsWith("true") ? "rw" : "plain");
            try (Connection front = connect(cluster.jdbcUrl(), mode + "&" + rewrite);
                 Connection direct = connect(cluster.coordinatorPostgresJdbcUrl(), mode + "&" + rewrite)) {
                execute(front, "CREATE TABLE " + table + " (id int PRIMARY KEY, v text)");
                execute(direct, "CREATE TABLE " + table + "_direct (id int PRIMARY KEY, v text)");

                int[] viaFront = insertBatch(front, table, 0, 100);
                assertThat(viaFront).isEqualTo(insertBatch(direct, table + "_direct", 0, 100));
                assertThat(viaFront).hasSize(100);
                assertThat(count(front, table)).isEqualTo(100);

                // a duplicate key in the middle: the whole autocommit batch is one transaction, as directly
                BatchUpdateException frontError = catchThrowableOfType(BatchUpdateException.class,
                        () -> insertBatch(front, table, 95, 10));
                BatchUpdateException directError = catchThrowableOfType(BatchUpdateException.class,
                        () -> insertBatch(direct, table + "_direct", 95, 10));
                assertThat(frontError.getSQLState()).isEqualTo("23505").isEqualTo(directError.getSQLState());
                assertThat(frontError.getUpdateCounts()).isEqualTo(directError.getUpdateCounts());
                // 100 where the batch is one transaction; the simple protocol runs each insert on its own
                assertThat(count(front, table)).isEqualTo(count(direct, table + "_direct"));

                try (Statement statement = front.createStatement()) {
                    statement.addBatch("INSERT INTO " + table + " VALUES (1000, 'x'), (1001, 'y')");
                    statement.addBatch("UPDATE " + table + " SET v = 'u' WHERE id < 10");
                    statement.addBatch("DELETE FROM " + table + " WHERE id >= 1000");
                    assertThat(statement.executeBatch()).containsExactly(2, 10, 2);
                    assertThat(statement.executeUpdate("UPDATE " + table + " SET v = 'w' WHERE id < 25")).isEqualTo(25);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("io.distgres.coordinator.pgwire.JdbcModes#all")
    void fetchSizeStreamsAllRowsInOrderInsideATransaction(String mode) throws SQLException {
        try (Connection c = connect(cluster.jdbcUrl(), mode)) {
            c.setAutoCommit(false);
            try (PreparedStatement statement = c.prepareStatement(
                    "SELECT g, repeat('x', g % 7) FROM generate_series(1, 1000) g ORDER BY g")) {
                statement.setFetchSize(10);
                List<Integer> seen = new ArrayList<>();
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        seen.add(rs.getInt(1));
                        assertThat(rs.getString(2)).hasSize(rs.getInt(1) % 7);
                        if (seen.size() == 500) {
                            // another statement between fetches must not disturb the open portal
                            assertThat(queryString(c, "SELECT 42")).isEqualTo("42");
                        }
                    }
                }
                assertThat(seen).hasSize(1000);
                assertThat(seen).isSorted();
                assertThat(seen.get(999)).isEqualTo(1000);
            }
            c.commit();
        }
    }

    @ParameterizedTest
    @MethodSource("io.distgres.coordinator.pgwire.JdbcModes#all")
    void anErrorAbortsTheTransactionUntilRollback(String mode) throws SQLException {
        try (Connection c = connect(cluster.jdbcUrl(), mode)) {
            c.setAutoCommit(false);
            BaseConnection base = c.unwrap(BaseConnection.class);
            assertThat(queryString(c, "SELECT 1")).isEqualTo("1");
            assertThat(base.getTransactionState()).isEqualTo(TransactionState.OPEN);
            assertThat(sqlState(() -> queryString(c, "SELECT 1/0"))).isEqualTo("22012");
            assertThat(base.getTransactionState()).isEqualTo(TransactionState.FAILED);
            for (int i = 0; i < 2; i++) {
                assertThat(sqlState(() -> queryString(c, "SELECT 1"))).isEqualTo("25P02");
                try (PreparedStatement p = c.prepareStatement("SELECT ?::int")) {
                    p.setInt(1, 5);
                    assertThat(sqlState(p::executeQuery)).isEqualTo("25P02");
                }
            }
            c.rollback();
            assertThat(base.getTransactionState()).isEqualTo(TransactionState.IDLE);
            assertThat(queryString(c, "SELECT 2")).isEqualTo("2");
            c.commit();
        }
    }

    @ParameterizedTest
    @MethodSource("io.distgres.coordinator.pgwire.JdbcModes#all")
    void transactionStatusFollowsSqlBeginAndSavepoints(String mode) throws SQLException {
        String table = "tx_" + label(mode);
        try (Connection c = connect(cluster.jdbcUrl(), mode)) {
            BaseConnection base = c.unwrap(BaseConnection.class);
            execute(c, "CREATE TABLE " + table + " (id int PRIMARY KEY)");
            assertThat(base.getTransactionState()).isEqualTo(TransactionState.IDLE);

            execute(c, "BEGIN");
            assertThat(c.getAutoCommit()).isTrue();
            assertThat(base.getTransactionState()).isEqualTo(TransactionState.OPEN);
            execute(c, "INSERT INTO " + table + " VALUES (1)");
            execute(c, "ROLLBACK");
            assertThat(base.getTransactionState()).isEqualTo(TransactionState.IDLE);
            assertThat(count(c, table)).isZero();

            c.setAutoCommit(false);
            execute(c, "INSERT INTO " + table + " VALUES (1)");
            Savepoint unnamed = c.setSavepoint();
            execute(c, "INSERT INTO " + table + " VALUES (2)");
            assertThat(sqlState(() -> execute(c, "INSERT INTO " + table + " VALUES (1)"))).isEqualTo("23505");
            assertThat(base.getTransactionState()).isEqualTo(TransactionState.FAILED);
            c.rollback(unnamed);
            assertThat(base.getTransactionState()).isEqualTo(TransactionState.OPEN);
            Savepoint named = c.setSavepoint("before_three");
            execute(c, "INSERT INTO " + table + " VALUES (3)");
            c.releaseSavepoint(named);
            c.commit();
            c.setAutoCommit(true);
            try (Connection other = connect(cluster.jdbcUrl(), mode)) {
                assertThat(queryString(other, "SELECT string_agg(id::text, ',' ORDER BY id) FROM " + table))
                        .isEqualTo("1,3");
            }
        }
    }

    /** Failing statements; each is run through the front door and directly, and every error field compared. */
    private static final List<String> FAILING = List.of(
            "SELECT 1/0",
            "SELECT * FROM no_such_table_xyz",
            "SELECT no_such_column FROM pg_class",
            "SELECT 1 FROM WHERE",
            "SELEC 1",
            "INSERT INTO errors_dup VALUES (1, 'dup')");

    @ParameterizedTest
    @MethodSource("io.distgres.coordinator.pgwire.JdbcModes#all")
    void errorFieldsMatchDirectPostgres(String mode) throws SQLException {
        try (Connection front = connect(cluster.jdbcUrl(), mode);
             Connection direct = connect(cluster.coordinatorPostgresJdbcUrl(), mode)) {
            execute(direct, "CREATE TABLE IF NOT EXISTS errors_dup (id int CONSTRAINT errors_dup_pkey PRIMARY KEY, v text);"
                    + "INSERT INTO errors_dup VALUES (1, 'x') ON CONFLICT DO NOTHING");
            for (String sql : FAILING) {
                ServerErrorMessage got = serverError(front, sql);
                ServerErrorMessage want = serverError(direct, sql);
                assertThat(fields(got)).as(sql).isEqualTo(fields(want));
            }
            ServerErrorMessage dup = serverError(front, "INSERT INTO errors_dup VALUES (1, 'dup')");
            assertThat(dup.getSQLState()).isEqualTo("23505");
            assertThat(dup.getDetail()).isEqualTo("Key (id)=(1) already exists.");
            assertThat(dup.getConstraint()).isEqualTo("errors_dup_pkey");
            assertThat(serverError(front, "SELECT * FROM no_such_table_xyz").getSQLState()).isEqualTo("42P01");
            assertThat(serverError(front, "SELECT no_such_column FROM pg_class").getSQLState()).isEqualTo("42703");
            assertThat(serverError(front, "SELECT 1 FROM WHERE").getPosition()).isEqualTo(15);
            // a later statement of a multi-statement string: the position counts from the start of the string
            String multi = "SELECT 1; SELECT 2 FROM WHERE";
            assertThat(serverError(front, multi).getPosition()).isEqualTo(serverError(direct, multi).getPosition())
                    .isGreaterThan(10);
        }
    }

    @ParameterizedTest
    @MethodSource("io.distgres.coordinator.pgwire.JdbcModes#all")
    void metadataSeesATableCreatedThroughTheFrontDoor(String mode) throws SQLException {
        String table = "meta_" + label(mode);
        try (Connection c = connect(cluster.jdbcUrl(), mode)) {
            execute(c, "CREATE TABLE " + table + " (id bigint, name text NOT NULL, note varchar(20), "
                    + "PRIMARY KEY (id, name))");
            DatabaseMetaData meta = c.getMetaData();
            try (ResultSet rs = meta.getTables(null, "public", table, new String[] {"TABLE"})) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString("TABLE_NAME")).isEqualTo(table);
                assertThat(rs.next()).isFalse();
            }
            List<String> columns = new ArrayList<>();
            try (ResultSet rs = meta.getColumns(null, "public", table, null)) {
                while (rs.next()) {
                    columns.add(rs.getString("COLUMN_NAME") + ":" + rs.getString("TYPE_NAME") + ":"
                            + rs.getInt("COLUMN_SIZE") + ":" + rs.getString("IS_NULLABLE"));
                }
            }
            assertThat(columns).containsExactly("id:int8:19:NO", "name:text:2147483647:NO", "note:varchar:20:YES");
            List<String> keys = new ArrayList<>();
            try (ResultSet rs = meta.getPrimaryKeys(null, "public", table)) {
                while (rs.next()) {
                    keys.add(rs.getShort("KEY_SEQ") + ":" + rs.getString("COLUMN_NAME"));
                }
            }
            assertThat(keys).containsExactlyInAnyOrder("1:id", "2:name");
        }
    }

    @ParameterizedTest
    @MethodSource("io.distgres.coordinator.pgwire.JdbcModes#all")
    void noticesBecomeWarnings(String mode) throws SQLException {
        try (Connection c = connect(cluster.jdbcUrl(), mode); Statement statement = c.createStatement()) {
            statement.execute("DO $$ BEGIN RAISE NOTICE 'hello'; RAISE WARNING 'careful' USING DETAIL = 'd'; END $$");
            SQLWarning warning = statement.getWarnings();
            assertThat((Object) warning).isNotNull();
            assertThat(warning.getMessage()).isEqualTo("hello");
            assertThat(warning.getSQLState()).isEqualTo("00000");
            SQLWarning next = warning.getNextWarning();
            assertThat((Object) next).isNotNull();
            assertThat(next.getMessage()).isEqualTo("careful");
            assertThat(next.getSQLState()).isEqualTo("01000");

            try (PreparedStatement prepared = c.prepareStatement(
                    "SELECT x FROM (SELECT 1 AS x) s WHERE pg_catalog.length(?) > 0")) {
                prepared.setString(1, "a");
                prepared.executeQuery().close();
                assertThat((Object) prepared.getWarnings()).isNull();
            }
        }
    }

    private static int[] insertBatch(Connection c, String table, int from, int count) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + table + " (id, v) VALUES (?, ?)")) {
            for (int i = from; i < from + count; i++) {
                insert.setInt(1, i);
                insert.setString(2, "row " + i);
                insert.addBatch();
            }
            return insert.executeBatch();
        }
    }

    private static long count(Connection c, String table) throws SQLException {
        return Long.parseLong(queryString(c, "SELECT count(*) FROM " + table));
    }

    @FunctionalInterface
    private interface Action {
        void run() throws SQLException;
    }

    private static String sqlState(Action action) {
        return catchThrowableOfType(SQLException.class, action::run).getSQLState();
    }

    private static ServerErrorMessage serverError(Connection c, String sql) {
        PSQLException e = catchThrowableOfType(PSQLException.class, () -> execute(c, sql));
        assertThat((Object) e).as(sql).isNotNull();
        assertThat(e.getServerErrorMessage()).as(sql).isNotNull();
        return e.getServerErrorMessage();
    }

    /** The fields a client can act on; routine, file and line are PostgreSQL source locations. */
    private static List<Object> fields(ServerErrorMessage m) {
        return java.util.Arrays.asList(m.getSeverity(), m.getSQLState(), m.getMessage(), m.getDetail(), m.getHint(),
                m.getPosition(), m.getSchema(), m.getTable(), m.getColumn(), m.getConstraint(), m.getWhere());
    }
}
