package io.distgres.coordinator.transaction;

import static io.distgres.coordinator.testing.SqlRows.column;
import static io.distgres.coordinator.testing.SqlStatements.execute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.distgres.coordinator.testing.EmbeddedClusterExtension;
import io.distgres.coordinator.testing.Psql;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.PGConnection;
import org.postgresql.util.PSQLException;

/**
 * Transaction blocks over distributed, reference and local tables through pgjdbc: own writes seen
 * across shards, rollback everywhere, COPY inside BEGIN, savepoints, isolation settings on the
 * workers, the two-phase commit stopped at each of its steps and settled by recovery, and the
 * latency of one- and two-phase commits (printed, not asserted).
 */
class DistributedTransactionsIT {
    @RegisterExtension
    static final EmbeddedClusterExtension cluster = EmbeddedClusterExtension.cluster();

    /** Keys of table {@code items} by the worker PostgreSQL port holding them. */
    private static final Map<Integer, List<Long>> KEYS_BY_WORKER = new TreeMap<>();

    @BeforeAll
    static void schema() throws SQLException {
        execute(cluster.jdbcUrl(),
                "CREATE TABLE items (id bigint PRIMARY KEY, label text, amount int)",
                "SELECT create_distributed_table('items', 'id')",
                "CREATE TABLE tags (code text PRIMARY KEY, label text)",
                "SELECT create_reference_table('tags')",
                "CREATE TABLE journal (id bigint PRIMARY KEY, note text)");
        try (Connection c = DriverManager.getConnection(cluster.jdbcUrl());
             PreparedStatement shard = c.prepareStatement("SELECT get_shard_id_for_distribution_column('items', ?)");
             PreparedStatement node = c.prepareStatement("SELECT nodeport FROM citus_shards WHERE shardid = ?")) {
            for (long key = 1; key <= 40; key++) {
                shard.setLong(1, key);
                node.setLong(1, count(shard));
                KEYS_BY_WORKER.computeIfAbsent((int) count(node), port -> new ArrayList<>()).add(key);
            }
        }
        assertThat(KEYS_BY_WORKER).hasSize(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "&preferQueryMode=simple"})
    void aTransactionSeesItsOwnWritesOnEveryShardAndOthersSeeThemOnlyAfterCommit(String mode) throws SQLException {
        long base = mode.isEmpty() ? 1000 : 2000;
        try (Connection c = DriverManager.getConnection(cluster.jdbcUrl() + mode);
             Connection other = DriverManager.getConnection(cluster.jdbcUrl())) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                for (int i = 0; i < 20; i++) {
                    s.executeUpdate("INSERT INTO items VALUES (" + (base + i) + ", 'own', 1)");
                }
                s.executeUpdate("UPDATE items SET amount = amount + 1 WHERE id IN " + range(base, 20));
                assertThat(rows(c, "SELECT id FROM items WHERE id IN " + range(base, 20) + " AND amount = 2"))
                        .isEqualTo(20);
                assertThat(rows(other, "SELECT id FROM items WHERE id IN " + range(base, 20))).isZero();
                c.commit();
            }
            assertThat(rows(other, "SELECT id FROM items WHERE id IN " + range(base, 20) + " AND amount = 2"))
                    .isEqualTo(20);
        }
        assertNoPreparedTransactions();
    }

    @Test
    void rollbackUndoesWritesOnEveryNodeAndOnTheCoordinator() throws SQLException {
        try (Connection c = DriverManager.getConnection(cluster.jdbcUrl())) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO items VALUES (3000, 'x', 0), (3001, 'x', 0), (3002, 'x', 0),"
                        + " (3003, 'x', 0), (3004, 'x', 0)");
                s.executeUpdate("INSERT INTO tags VALUES ('rb', 'rolled back')");
                s.executeUpdate("INSERT INTO journal VALUES (3000, 'rolled back')");
                assertThat(rows(c, "SELECT id FROM items WHERE id IN " + range(3000, 5) + "")).isEqualTo(5);
                c.rollback();
            }
            assertThat(rows(c, "SELECT id FROM items WHERE id IN " + range(3000, 5) + "")).isZero();
            assertThat(count(c, "SELECT count(*) FROM tags WHERE code = 'rb'")).isZero();
            assertThat(count(c, "SELECT count(*) FROM journal WHERE id = 3000")).isZero();
        }
    }

    @Test
    void aMultiShardUpdateInsideATransactionSeesItselfAndIsUndoneByRollback() throws SQLException {
        try (Connection c = DriverManager.getConnection(cluster.jdbcUrl())) {
            long before = count(c, "SELECT count(*) FROM items");
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                int updated = s.executeUpdate("UPDATE items SET amount = amount + 1000000");
                assertThat(updated).isEqualTo(before);
                assertThat(count(c, "SELECT count(*) FROM items WHERE amount >= 1000000")).isEqualTo(before);
            }
            c.rollback();
            assertThat(count(c, "SELECT count(*) FROM items WHERE amount >= 1000000")).isZero();
        }
        assertNoPreparedTransactions();
    }

    @Test
    void localAndWorkerWritesCommitTogetherAndTheCommitRecordIsCleanedUp() throws SQLException {
        long key = firstKeys(0).get(0);
        try (Connection c = DriverManager.getConnection(cluster.jdbcUrl())) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO journal VALUES (4000, 'with a worker write')");
                s.executeUpdate("INSERT INTO items VALUES (" + (4000 + key) + ", 'with a local write', 1)");
                s.executeUpdate("INSERT INTO tags VALUES ('both', 'reference table: every worker')");
            }
            c.commit();
            assertThat(count(c, "SELECT count(*) FROM journal WHERE id = 4000")).isEqualTo(1);
            assertThat(count(c, "SELECT count(*) FROM items WHERE id = " + (4000 + key))).isEqualTo(1);
            assertThat(count(c, "SELECT count(*) FROM tags WHERE code = 'both'")).isEqualTo(1);
        }
        for (String url : cluster.workerPostgresJdbcUrls()) {
            assertThat(column(url, "SELECT count(*) FROM pg_prepared_xacts")).containsExactly("0");
        }
        execute(cluster.jdbcUrl(), "SELECT recover_prepared_transactions()");
        assertThat(column(cluster.coordinatorPostgresJdbcUrl(),
                "SELECT count(*) FROM distgres.dist_transaction")).containsExactly("0");
    }

    @Test
    void copyInsideATransactionCommitsOrRollsBackWithIt() throws Exception {
        try (Connection c = DriverManager.getConnection(cluster.jdbcUrl())) {
            c.setAutoCommit(false);
            var copy = c.unwrap(PGConnection.class).getCopyAPI();
            StringBuilder rows = new StringBuilder();
            for (int i = 0; i < 50; i++) {
                rows.append(5000 + i).append("\tcopied\t7\n");
            }
            assertThat(copy.copyIn("COPY items FROM STDIN", new StringReader(rows.toString()))).isEqualTo(50);
            assertThat(rows(c, "SELECT id FROM items WHERE id IN " + range(5000, 50) + " AND label = 'copied'")).isEqualTo(50);
            c.rollback();
            assertThat(rows(c, "SELECT id FROM items WHERE id IN " + range(5000, 50) + " AND label = 'copied'")).isZero();
            copy.copyIn("COPY items FROM STDIN", new StringReader(rows.toString()));
            try (Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE items SET amount = 8 WHERE id IN " + range(5000, 50) + " AND label = 'copied'");
            }
            c.commit();
            assertThat(rows(c, "SELECT id FROM items WHERE id IN " + range(5000, 50) + " AND label = 'copied' AND amount = 8")).isEqualTo(50);
        }
        assertNoPreparedTransactions();
    }

    @Test
    void rollbackToSavepointUndoesLaterWorkOnEveryNodeIncludingNodesJoinedAfterIt() throws SQLException {
        List<Long> first = firstKeys(0);
        List<Long> second = firstKeys(1);
        try (Connection c = DriverManager.getConnection(cluster.jdbcUrl())) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO items VALUES (" + (6000 + first.get(0)) + ", 'kept', 1)");
                var savepoint = c.setSavepoint("before_second");
                // the second worker joins after the savepoint: it must still know it
                s.executeUpdate("INSERT INTO items VALUES (" + (6000 + second.get(0)) + ", 'undone', 1)");
                s.executeUpdate("UPDATE items SET label = 'undone too' WHERE id = " + (6000 + first.get(0)));
                c.rollback(savepoint);
                s.executeUpdate("INSERT INTO items VALUES (" + (6000 + second.get(1)) + ", 'after', 1)");
            }
            c.commit();
            assertThat(column(cluster.jdbcUrl(), "SELECT label FROM items WHERE id IN (" + (6000 + first.get(0)) + ", "
                    + (6000 + second.get(0)) + ", " + (6000 + second.get(1)) + ")"))
                    .containsExactlyInAnyOrder("after", "kept");
        }
    }

    @Test
    void aFailedStatementAbortsTheWholeBlockUntilRollback() throws SQLException {
        long key = firstKeys(0).get(0) + 7000;
        try (Connection c = DriverManager.getConnection(cluster.jdbcUrl())) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO items VALUES (" + key + ", 'first', 1)");
                assertThatThrownBy(() -> s.executeUpdate("INSERT INTO items VALUES (" + key + ", 'duplicate', 1)"))
                        .isInstanceOfSatisfying(PSQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("23505"));
                assertThatThrownBy(() -> s.executeQuery("SELECT count(*) FROM items"))
                        .isInstanceOfSatisfying(PSQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("25P02"));
                c.rollback();
                assertThat(count(c, "SELECT count(*) FROM items WHERE id = " + key)).isZero();
            }
        }
    }

    @Test
    void isolationLevelAndReadOnlyReachTheWorkers() throws SQLException {
        try (Connection c = DriverManager.getConnection(cluster.jdbcUrl()); Statement s = c.createStatement()) {
            s.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
            assertThat(count(c, "SELECT count(*) FROM items WHERE id = -1")).isZero();
            assertThatThrownBy(() -> s.executeUpdate("UPDATE items SET amount = 0 WHERE id = 1"))
                    .isInstanceOfSatisfying(PSQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("25006"));
            s.execute("ROLLBACK");
        }
    }

    @ParameterizedTest
    @EnumSource(CommitPoint.class)
    void aCoordinatorStoppedAtAnyCommitStepEndsAllOrNothingAfterRecovery(CommitPoint point) throws SQLException {
        long base = 10_000L * (point.ordinal() + 1);
        AtomicInteger reached = new AtomicInteger();
        TransactionManager manager = cluster.embeddedCluster().coordinator().transactions();
        // DURING_COMMIT_PREPARED stops after the first participant committed, the others before anything
        int stopAt = point == CommitPoint.DURING_COMMIT_PREPARED ? 2 : 1;
        manager.useHook((at, gid) -> {
            if (at == point && reached.incrementAndGet() == stopAt) {
                throw new IllegalStateException("simulated coordinator crash at " + at);
            }
        });
        List<Long> written = new ArrayList<>();
        KEYS_BY_WORKER.values().forEach(keys -> written.addAll(List.of(base + keys.get(0), base + keys.get(1))));
        try (Connection c = DriverManager.getConnection(cluster.jdbcUrl())) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                for (List<Long> keys : KEYS_BY_WORKER.values()) {
                    s.executeUpdate("INSERT INTO items VALUES (" + (base + keys.get(0)) + ", 'fault', 1), ("
                            + (base + keys.get(1)) + ", 'fault', 1)");
                }
                s.executeUpdate("INSERT INTO journal VALUES (" + base + ", 'fault')");
            }
            assertThatThrownBy(c::commit).isInstanceOf(SQLException.class);
        } finally {
            manager.useHook(TwoPhaseCommitHook.NONE);
        }
        assertThat(reached.get()).isEqualTo(stopAt);
        execute(cluster.jdbcUrl(), "SELECT recover_prepared_transactions()");
        boolean committed = point == CommitPoint.AFTER_COMMIT_RECORD || point == CommitPoint.DURING_COMMIT_PREPARED;
        try (Connection c = DriverManager.getConnection(cluster.jdbcUrl())) {
            assertThat(rows(c, "SELECT id FROM items WHERE id IN (" + join(written) + ")"))
                    .isEqualTo(committed ? 4 : 0);
            assertThat(count(c, "SELECT count(*) FROM journal WHERE id = " + base)).isEqualTo(committed ? 1 : 0);
        }
        assertNoPreparedTransactions();
    }

    @Test
    void aDeadlockAcrossTwoWorkersCancelsOneTransactionWith40P01AndTheOtherCommits() throws Exception {
        long onFirst = 20_000 + firstKeys(0).get(0);
        long onSecond = 20_000 + firstKeys(1).get(0);
        execute(cluster.jdbcUrl(), "INSERT INTO items VALUES (" + onFirst + ", 'lock', 0), (" + onSecond + ", 'lock', 0)");
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try (Connection one = DriverManager.getConnection(cluster.jdbcUrl());
             Connection two = DriverManager.getConnection(cluster.jdbcUrl())) {
            one.setAutoCommit(false);
            two.setAutoCommit(false);
            touch(one, onFirst);
            touch(two, onSecond);
            // each worker alone sees one wait, no cycle: only the merged graph has it
            Future<?> oneWaits = threads.submit(() -> touch(one, onSecond));
            awaitLockWaiters(1);
            Future<?> twoWaits = threads.submit(() -> touch(two, onFirst));
            Map<Connection, Future<?>> waits = Map.of(one, oneWaits, two, twoWaits);
            Connection loser = null;
            while (loser == null) {
                for (var entry : waits.entrySet()) {
                    if (entry.getValue().isDone()) {
                        loser = entry.getKey();
                    }
                }
                Thread.sleep(50); // polling the two waits; the distributed detector ends one of them
            }
            Connection lost = loser;
            assertThatThrownBy(() -> waits.get(lost).get()).hasCauseInstanceOf(PSQLException.class)
                    .cause().satisfies(e -> assertThat(((PSQLException) e).getSQLState()).isEqualTo("40P01"));
            lost.rollback();
            Connection winner = lost == one ? two : one;
            waits.get(winner).get(30, TimeUnit.SECONDS);
            winner.commit();
        } finally {
            threads.shutdownNow();
        }
        assertThat(column(cluster.jdbcUrl(), "SELECT amount FROM items WHERE id IN (" + onFirst + ", " + onSecond + ")"))
                .containsExactly("1", "1");
    }

    @Test
    void statementTimeoutCancelsTheWorkerTaskWith57014AndTheSessionStaysUsable() throws Exception {
        long key = 50_000 + firstKeys(0).get(0);
        execute(cluster.jdbcUrl(), "INSERT INTO items VALUES (" + key + ", 'sleepy', 0)");
        try (Connection c = DriverManager.getConnection(cluster.jdbcUrl()); Statement s = c.createStatement()) {
            s.execute("SET statement_timeout = 300");
            assertThatThrownBy(() -> s.executeQuery("SELECT pg_sleep(20) FROM items WHERE id = " + key))
                    .isInstanceOfSatisfying(PSQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("57014"));
            c.setAutoCommit(false);
            touch(c, key);
            assertThatThrownBy(() -> s.executeQuery("SELECT pg_sleep(20) FROM items WHERE id = " + key))
                    .isInstanceOfSatisfying(PSQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("57014"));
            c.rollback();
            c.setAutoCommit(true);
            s.execute("RESET statement_timeout");
            assertThat(count(c, "SELECT amount FROM items WHERE id = " + key)).isZero();
        }
        awaitNoSleepOnWorkers();
    }

    @Test
    void statementTimeoutSetEarlierInTheSameQueryStringCancelsTheWorkerTaskInPsql() throws Exception {
        long key = 33_000 + firstKeys(1).get(0);
        execute(cluster.jdbcUrl(), "INSERT INTO items VALUES (" + key + ", 'psql sleeper', 0)");
        String output = Psql.run(Map.of(), List.of("-h", "127.0.0.1", "-p", Integer.toString(cluster.port()), "-U",
                "postgres", "-c", "SET statement_timeout = 300; SELECT pg_sleep(20) FROM items WHERE id = " + key,
                "-c", "SELECT label FROM items WHERE id = " + key));
        assertThat(output).contains("canceling statement due to statement timeout").contains("psql sleeper");
        awaitNoSleepOnWorkers();
    }

    @Test
    void cancelFromPgjdbcCancelsTheWorkerTaskAndTheSessionStaysUsable() throws Exception {
        long key = 31_000 + firstKeys(1).get(0);
        execute(cluster.jdbcUrl(), "INSERT INTO items VALUES (" + key + ", 'sleepy', 0)");
        ExecutorService threads = Executors.newSingleThreadExecutor();
        try (Connection c = DriverManager.getConnection(cluster.jdbcUrl()); Statement s = c.createStatement()) {
            Future<?> sleeping = threads.submit(() -> s.executeQuery("SELECT pg_sleep(20) FROM items WHERE id = " + key));
            awaitSleepOnWorkers();
            s.cancel();
            assertThatThrownBy(() -> sleeping.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(PSQLException.class)
                    .cause().satisfies(e -> assertThat(((PSQLException) e).getSQLState()).isEqualTo("57014"));
            assertThat(count(c, "SELECT amount FROM items WHERE id = " + key)).isZero();
        } finally {
            threads.shutdownNow();
        }
        awaitNoSleepOnWorkers();
    }

    @Test
    void idleInTransactionTimeoutEndsTheSessionWith25P03AndReleasesTheWorkersLocks() throws Exception {
        long key = 32_000 + firstKeys(0).get(0);
        execute(cluster.jdbcUrl(), "INSERT INTO items VALUES (" + key + ", 'idle', 0)");
        try (Connection c = DriverManager.getConnection(cluster.jdbcUrl()); Statement s = c.createStatement()) {
            s.execute("SET idle_in_transaction_session_timeout = 500");
            c.setAutoCommit(false);
            touch(c, key);
            // the worker ends its idle transaction: another session can take the row's lock
            try (Connection other = DriverManager.getConnection(cluster.jdbcUrl()); Statement o = other.createStatement()) {
                o.execute("SET lock_timeout = 20000");
                assertThat(o.executeUpdate("UPDATE items SET amount = 10 WHERE id = " + key)).isEqualTo(1);
            }
            assertThatThrownBy(() -> touch(c, key)).isInstanceOfSatisfying(SQLException.class,
                    e -> assertThat(e.getSQLState()).isEqualTo("25P03"));
            assertThat(c.isValid(5)).as("the session ended").isFalse();
        }
        assertThat(column(cluster.jdbcUrl(), "SELECT amount FROM items WHERE id = " + key)).containsExactly("10");
    }

    private static void awaitSleepOnWorkers() throws Exception {
        awaitWorkerActivity("a worker runs the sleep", n -> n > 0);
    }

    private static void awaitNoSleepOnWorkers() throws Exception {
        awaitWorkerActivity("no worker runs the sleep any more", n -> n == 0);
    }

    private static void awaitWorkerActivity(String what, java.util.function.LongPredicate done) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (true) {
            long sleeping = 0;
            for (String url : cluster.workerPostgresJdbcUrls()) {
                sleeping += Long.parseLong(column(url, "SELECT count(*) FROM pg_stat_activity WHERE state = 'active'"
                        + " AND query LIKE '%pg_sleep(20)%' AND pid <> pg_backend_pid()").get(0));
            }
            if (done.test(sleeping)) {
                return;
            }
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            Thread.sleep(20); // polling the workers' activity; the deadline bounds it
        }
    }

    private static Void touch(Connection c, long key) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE items SET amount = amount + 1 WHERE id = " + key);
        }
        return null;
    }

    private static void awaitLockWaiters(int count) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            long waiting = 0;
            for (String url : cluster.workerPostgresJdbcUrls()) {
                waiting += Long.parseLong(column(url,
                        "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'").get(0));
            }
            if (waiting >= count) {
                return;
            }
            assertThat(System.nanoTime()).as("a session waits for a lock").isLessThan(deadline);
            Thread.sleep(20); // polling the workers' activity; the deadline bounds it
        }
    }

    @Test
    void commitLatencyOfOneAndTwoPhaseCommits() throws SQLException {
        long one = 90_000 + firstKeys(0).get(0);
        long two = 90_000 + firstKeys(1).get(0);
        execute(cluster.jdbcUrl(), "INSERT INTO items VALUES (" + one + ", 'latency', 0), (" + two + ", 'latency', 0)");
        int warmup = 20;
        int rounds = 200;
        long[][] nanos = new long[3][rounds];
        try (Connection c = DriverManager.getConnection(cluster.jdbcUrl());
             PreparedStatement update = c.prepareStatement("UPDATE items SET amount = amount + 1 WHERE id = ?")) {
            // the three kinds interleave, so a noisy neighbour slows them alike
            for (int i = 0; i < warmup + rounds; i++) {
                for (int kind = 0; kind < 3; kind++) {
                    long start = System.nanoTime();
                    c.setAutoCommit(kind == 0);
                    update.setLong(1, one);
                    update.executeUpdate();
                    if (kind == 2) {
                        update.setLong(1, two);
                        update.executeUpdate();
                    }
                    if (kind > 0) {
                        c.commit();
                    }
                    if (i >= warmup) {
                        nanos[kind][i - warmup] = System.nanoTime() - start;
                    }
                }
            }
        }
        System.out.printf("[commit latency] median (p90) over %d: autocommit UPDATE %s, BEGIN+UPDATE+COMMIT on one node"
                + " (1PC) %s, BEGIN+UPDATE+UPDATE+COMMIT on two nodes (2PC) %s%n", rounds, percentiles(nanos[0]),
                percentiles(nanos[1]), percentiles(nanos[2]));
        assertThat(column(cluster.jdbcUrl(), "SELECT amount FROM items WHERE id = " + one))
                .containsExactly(Integer.toString(3 * (warmup + rounds)));
    }

    private static String percentiles(long[] nanos) {
        long[] sorted = nanos.clone();
        java.util.Arrays.sort(sorted);
        return String.format("%.2f ms (%.2f ms)", sorted[sorted.length / 2] / 1e6, sorted[sorted.length * 9 / 10] / 1e6);
    }

    /** {@code (from, from + 1, ..., from + n - 1)}: a key list the router pins to its shards. */
    private static String range(long from, int n) {
        List<Long> keys = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            keys.add(from + i);
        }
        return "(" + join(keys) + ")";
    }

    private static String join(List<Long> keys) {
        return String.join(", ", keys.stream().map(String::valueOf).toList());
    }

    /** Keys of {@code items} on the {@code index}-th worker. */
    private static List<Long> firstKeys(int index) {
        return new ArrayList<>(KEYS_BY_WORKER.values()).get(index);
    }

    private static long count(PreparedStatement statement) throws SQLException {
        try (ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** How many rows {@code sql} returns. */
    private static long rows(Connection c, String sql) throws SQLException {
        long n = 0;
        try (Statement s = c.createStatement(); ResultSet rows = s.executeQuery(sql)) {
            while (rows.next()) {
                n++;
            }
        }
        return n;
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rows = s.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static void assertNoPreparedTransactions() throws SQLException {
        for (String url : cluster.workerPostgresJdbcUrls()) {
            assertThat(column(url, "SELECT count(*) FROM pg_prepared_xacts")).as(url).containsExactly("0");
        }
    }
}
