package io.distgres.coordinator.pgwire;

import static io.distgres.coordinator.testing.RawWireClient.bind;
import static io.distgres.coordinator.testing.RawWireClient.execute;
import static io.distgres.coordinator.testing.RawWireClient.flush;
import static io.distgres.coordinator.testing.RawWireClient.parse;
import static io.distgres.coordinator.testing.RawWireClient.query;
import static io.distgres.coordinator.testing.RawWireClient.sync;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.distgres.coordinator.testing.EmbeddedClusterExtension;
import io.distgres.coordinator.testing.RawWireClient;
import io.distgres.coordinator.testing.RawWireClient.Message;
import io.distgres.coordinator.testing.SqlRows;
import java.io.IOException;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The implicit transaction of the extended protocol: every statement executed before one Sync
 * commits at the Sync or not at all, also when the batch reaches the server in pieces, on local
 * and on distributed tables (rows on both workers); BEGIN, COMMIT and ROLLBACK inside a batch
 * behave as in PostgreSQL. Each sequence runs against distgres and against plain PostgreSQL,
 * whose replies the assertions spell out.
 */
class ImplicitTransactionIT {
    /** Enough keys that the rows of a distributed table land on both workers. */
    private static final int ROWS = 6;

    @RegisterExtension
    static EmbeddedClusterExtension cluster = EmbeddedClusterExtension.cluster();

    @ParameterizedTest
    @MethodSource("io.distgres.coordinator.pgwire.TableKind#withEveryTarget")
    void batchThatArrivesInPiecesCommitsAtSyncOrNotAtAll(WireTarget target, TableKind kind) throws Exception {
        String table = table(target, kind, "pieces");
        try (RawWireClient c = RawWireClient.connectAndStart(target.port(cluster))) {
            insertAnsweredBeforeSync(c, table, 1);
            byte[][] rest = new byte[ROWS + 1][];
            for (int id = 2; id <= ROWS; id++) {
                rest[id - 2] = insert(table, id);
            }
            rest[ROWS - 1] = insert(table, 1);
            rest[ROWS] = sync();
            c.send(rest);
            List<String> reply = summary(c.readUntilReady());
            assertThat(reply.subList(reply.size() - 4, reply.size())).containsExactly("1", "2", "E(23505)", "Z(I)");
        }
        assertThat(count(target, table)).as("the error undid the whole batch").isZero();
    }

    @ParameterizedTest
    @MethodSource("io.distgres.coordinator.pgwire.TableKind#withEveryTarget")
    void statementWhoseSyncComesLaterCommitsAtThatSync(WireTarget target, TableKind kind) throws Exception {
        String table = table(target, kind, "later_sync");
        try (RawWireClient c = RawWireClient.connectAndStart(target.port(cluster))) {
            insertAnsweredBeforeSync(c, table, 1);
            c.send(sync());
            assertThat(summary(c.readUntilReady())).containsExactly("Z(I)");
        }
        assertThat(count(target, table)).isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("io.distgres.coordinator.pgwire.TableKind#withEveryTarget")
    void pgjdbcBatchWhoseThirdStatementFailsLeavesNoRow(WireTarget target, TableKind kind) throws Exception {
        assertBatchLeavesNoRow(target, table(target, kind, "jdbc_batch"), "");
    }

    /** Rows of a megabyte: the batch reaches the coordinator in many reads, the first Execute runs before the rest arrives. */
    @ParameterizedTest
    @MethodSource("io.distgres.coordinator.pgwire.TableKind#withEveryTarget")
    void pgjdbcBatchOfLargeRowsWhoseThirdStatementFailsLeavesNoRow(WireTarget target, TableKind kind) throws Exception {
        assertBatchLeavesNoRow(target, table(target, kind, "jdbc_large"), "x".repeat(1 << 20));
    }

    @ParameterizedTest
    @MethodSource("io.distgres.coordinator.pgwire.TableKind#withEveryTarget")
    void beginInsideABatchOpensABlockHoldingTheStatementsBeforeIt(WireTarget target, TableKind kind) throws Exception {
        String table = table(target, kind, "begin_inside");
        try (RawWireClient c = RawWireClient.connectAndStart(target.port(cluster))) {
            c.send(insert(table, 1), statement("BEGIN"), insert(table, 2), sync());
            assertThat(summary(c.readUntilReady())).containsExactly("1", "2", "C(INSERT 0 1)", "1", "2", "C(BEGIN)",
                    "1", "2", "C(INSERT 0 1)", "Z(T)");
            c.send(query("SELECT count(*) FROM " + table));
            assertThat(summary(c.readUntilReady())).containsExactly("T", "D[2]", "C(SELECT 1)", "Z(T)");
            c.send(query("ROLLBACK"));
            assertThat(summary(c.readUntilReady())).containsExactly("C(ROLLBACK)", "Z(I)");
        }
        assertThat(count(target, table)).as("ROLLBACK undid the statement before BEGIN too").isZero();
    }

    @ParameterizedTest
    @MethodSource("io.distgres.coordinator.pgwire.TableKind#withEveryTarget")
    void commitInsideABatchCommitsWhatCameBeforeIt(WireTarget target, TableKind kind) throws Exception {
        String table = table(target, kind, "commit_inside");
        try (RawWireClient c = RawWireClient.connectAndStart(target.port(cluster))) {
            c.send(insert(table, 1), insert(table, 2), statement("COMMIT"), insert(table, 3), insert(table, 1), sync());
            assertThat(summary(c.readUntilReady())).containsExactly("1", "2", "C(INSERT 0 1)", "1", "2", "C(INSERT 0 1)",
                    "1", "2", "N(WARNING 25P01 there is no transaction in progress)", "C(COMMIT)",
                    "1", "2", "C(INSERT 0 1)", "1", "2", "E(23505)", "Z(I)");
        }
        assertThat(ids(target, table)).as("committed before the error; 3 undone with it").containsExactly("1", "2");
    }

    @ParameterizedTest
    @MethodSource("io.distgres.coordinator.pgwire.TableKind#withEveryTarget")
    void rollbackInsideABatchUndoesWhatCameBeforeIt(WireTarget target, TableKind kind) throws Exception {
        String table = table(target, kind, "rollback_inside");
        try (RawWireClient c = RawWireClient.connectAndStart(target.port(cluster))) {
            c.send(insert(table, 1), insert(table, 2), statement("ROLLBACK"), insert(table, 3), sync());
            assertThat(summary(c.readUntilReady())).containsExactly("1", "2", "C(INSERT 0 1)", "1", "2", "C(INSERT 0 1)",
                    "1", "2", "N(WARNING 25P01 there is no transaction in progress)", "C(ROLLBACK)",
                    "1", "2", "C(INSERT 0 1)", "Z(I)");
        }
        assertThat(ids(target, table)).containsExactly("3");
    }

    @ParameterizedTest
    @EnumSource(WireTarget.class)
    void statementThatRefusesTransactionBlocksMayStartABatchButNotFollowAStatement(WireTarget target) throws Exception {
        String table = table(target, TableKind.LOCAL, "vacuum_batch");
        try (RawWireClient c = RawWireClient.connectAndStart(target.port(cluster))) {
            c.send(statement("VACUUM " + table), insert(table, 1), sync());
            assertThat(summary(c.readUntilReady())).containsExactly("1", "2", "C(VACUUM)", "1", "2", "C(INSERT 0 1)",
                    "Z(I)");
            c.send(insert(table, 2), statement("VACUUM " + table), sync());
            assertThat(summary(c.readUntilReady())).containsExactly("1", "2", "C(INSERT 0 1)", "1", "2", "E(25001)",
                    "Z(I)");
        }
        assertThat(ids(target, table)).containsExactly("1");
    }

    @ParameterizedTest
    @EnumSource(WireTarget.class)
    void savepointInsideABatchWithoutBeginFails(WireTarget target) throws Exception {
        String table = table(target, TableKind.LOCAL, "savepoint_batch");
        try (RawWireClient c = RawWireClient.connectAndStart(target.port(cluster))) {
            c.send(insert(table, 1), statement("SAVEPOINT s"), sync());
            assertThat(summary(c.readUntilReady())).containsExactly("1", "2", "C(INSERT 0 1)", "1", "2", "E(25P01)",
                    "Z(I)");
        }
        assertThat(count(target, table)).isZero();
    }

    @ParameterizedTest
    @EnumSource(WireTarget.class)
    void setLocalInsideABatchLastsUntilItsSync(WireTarget target) throws Exception {
        String table = table(target, TableKind.LOCAL, "set_local_batch");
        try (RawWireClient c = RawWireClient.connectAndStart(target.port(cluster))) {
            c.send(insert(table, 1), statement("SET LOCAL work_mem = '1111kB'"), statement("SHOW work_mem"), sync());
            assertThat(summary(c.readUntilReady())).containsExactly("1", "2", "C(INSERT 0 1)", "1", "2",
                    "N(WARNING 25P01 SET LOCAL can only be used in transaction blocks)", "C(SET)", "1", "2", "D[1111kB]",
                    "C(SHOW)", "Z(I)");
            c.send(statement("SHOW work_mem"), sync());
            assertThat(summary(c.readUntilReady())).containsExactly("1", "2", "D[4MB]", "C(SHOW)", "Z(I)");
        }
    }

    // ---- helpers ----

    /** pgjdbc's executeBatch in autocommit: all statements before one Sync; the third one fails. */
    @ParameterizedTest
    @MethodSource("io.distgres.coordinator.pgwire.TableKind#withEveryTarget")
    void simpleQueryStringWithBeginMakesTheStatementsBeforeItPartOfTheBlock(WireTarget target, TableKind kind)
            throws Exception {
        String table = table(target, kind, "simple_begin");
        try (RawWireClient c = RawWireClient.connectAndStart(target.port(cluster))) {
            c.send(query(insertText(table, 1) + "; BEGIN; " + insertText(table, 2)));
            assertThat(summary(c.readUntilReady())).containsExactly("C(INSERT 0 1)", "C(BEGIN)", "C(INSERT 0 1)",
                    "Z(T)");
            c.send(query("ROLLBACK"));
            assertThat(summary(c.readUntilReady())).containsExactly("C(ROLLBACK)", "Z(I)");
        }
        assertThat(count(target, table)).as("ROLLBACK undid the statement before BEGIN too").isZero();
    }

    @ParameterizedTest
    @MethodSource("io.distgres.coordinator.pgwire.TableKind#withEveryTarget")
    void simpleQueryStringWithCommitCommitsWhatCameBeforeAndUndoesWhatFailsAfter(WireTarget target, TableKind kind)
            throws Exception {
        String table = table(target, kind, "simple_commit");
        try (RawWireClient c = RawWireClient.connectAndStart(target.port(cluster))) {
            c.send(query(insertText(table, 1) + "; " + insertText(table, 2) + "; COMMIT; " + insertText(table, 3)
                    + "; " + insertText(table, 1)));
            assertThat(summary(c.readUntilReady())).containsExactly("C(INSERT 0 1)", "C(INSERT 0 1)",
                    "N(WARNING 25P01 there is no transaction in progress)", "C(COMMIT)", "C(INSERT 0 1)", "E(23505)",
                    "Z(I)");
            c.send(query(insertText(table, 4) + "; ROLLBACK; " + insertText(table, 5)));
            assertThat(summary(c.readUntilReady())).containsExactly("C(INSERT 0 1)",
                    "N(WARNING 25P01 there is no transaction in progress)", "C(ROLLBACK)", "C(INSERT 0 1)", "Z(I)");
        }
        assertThat(ids(target, table)).as("committed before the error; 3 undone with it; 4 rolled back")
                .containsExactly("1", "2", "5");
    }

    @ParameterizedTest
    @EnumSource(WireTarget.class)
    void simpleQueryStringRunsVacuumInsideItsImplicitBlockAndFails(WireTarget target) throws Exception {
        try (RawWireClient c = RawWireClient.connectAndStart(target.port(cluster))) {
            c.send(query("SELECT 1; VACUUM"));
            assertThat(summary(c.readUntilReady())).containsExactly("T", "D[1]", "C(SELECT 1)", "E(25001)", "Z(I)");
        }
    }

    private static String insertText(String table, int id) {
        return "INSERT INTO " + table + " (id) VALUES (" + id + ")";
    }

    private static void assertBatchLeavesNoRow(WireTarget target, String table, String payload) throws SQLException {
        try (Connection c = DriverManager.getConnection(target.jdbcUrl(cluster));
             PreparedStatement insert = c.prepareStatement("INSERT INTO " + table + " VALUES (?, ?)")) {
            for (int id : new int[] {1, 2, 1, 3}) {
                insert.setInt(1, id);
                insert.setString(2, payload);
                insert.addBatch();
            }
            assertThatThrownBy(insert::executeBatch).isInstanceOf(BatchUpdateException.class)
                    .hasMessageContaining("duplicate key");
        }
        assertThat(count(target, table)).isZero();
    }

    /** A fresh table of this kind; a distributed one with the rows of ids 1..ROWS on both workers. */
    private static String table(WireTarget target, TableKind kind, String name) throws SQLException {
        String table = kind.create(cluster, target, name);
        if (kind == TableKind.DISTRIBUTED && target == WireTarget.DISTGRES) {
            Set<String> nodes = new HashSet<>();
            for (int id = 1; id <= ROWS; id++) {
                String shard = SqlRows.column(target.jdbcUrl(cluster),
                        "SELECT get_shard_id_for_distribution_column('" + table + "', " + id + ")").get(0);
                nodes.addAll(SqlRows.column(target.jdbcUrl(cluster),
                        "SELECT nodeport FROM citus_shards WHERE shardid = " + shard));
            }
            assertThat(nodes).as("the rows land on both workers").hasSize(2);
        }
        return table;
    }

    /** An INSERT answered (Flush) before anything else of its pipeline is sent. */
    private static void insertAnsweredBeforeSync(RawWireClient c, String table, int id) throws IOException {
        c.send(insert(table, id), flush());
        assertThat(summary(c.readThrough('C'))).containsExactly("1", "2", "C(INSERT 0 1)");
    }

    private static byte[] insert(String table, int id) {
        return statement("INSERT INTO " + table + " (id) VALUES (" + id + ")");
    }

    /** Parse, Bind and Execute of one unnamed statement. */
    private static byte[] statement(String sql) {
        return RawWireClient.concat(parse("", sql), bind("", ""), execute("", 0));
    }

    private static long count(WireTarget target, String table) throws SQLException {
        return Long.parseLong(SqlRows.column(target.jdbcUrl(cluster), "SELECT count(*) FROM " + table).get(0));
    }

    private static List<String> ids(WireTarget target, String table) throws SQLException {
        return SqlRows.column(target.jdbcUrl(cluster), "SELECT id FROM " + table + " ORDER BY id");
    }

    /** Each message as a short string: its type, with the SQLSTATE of an error, the tag, the row or the status. */
    private static List<String> summary(List<Message> messages) {
        return messages.stream().map(m -> m.type() == 'E' ? "E(" + m.field('C') + ")" : m.toString()).toList();
    }
}
