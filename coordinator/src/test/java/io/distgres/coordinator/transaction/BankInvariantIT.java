package io.distgres.coordinator.transaction;

import static io.distgres.coordinator.testing.SqlRows.column;
import static io.distgres.coordinator.testing.SqlStatements.execute;
import static org.assertj.core.api.Assertions.assertThat;

import io.distgres.coordinator.launcher.EmbeddedPostgresServer;
import io.distgres.coordinator.testing.EmbeddedClusterExtension;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The bank invariant: accounts spread over both workers, concurrent clients moving money between
 * random accounts in transactions that also journal each move in a local (coordinator) table,
 * and a worker PostgreSQL killed with SIGKILL in the middle of it. After the embedded cluster
 * restarted that server and recovery ran: no prepared transaction is left, the total is what it
 * was, and every account's balance is exactly its journal's sum — no transfer applied in part.
 */
class BankInvariantIT {
    @RegisterExtension
    static final EmbeddedClusterExtension cluster = EmbeddedClusterExtension.cluster();

    private static final int ACCOUNTS = 40;
    private static final long OPENING_BALANCE = 1000;
    private static final int CLIENTS = 4;
    private static final int TRANSFERS_PER_CLIENT = 60;

    @BeforeAll
    static void accounts() throws SQLException {
        execute(cluster.jdbcUrl(),
                "CREATE TABLE accounts (id bigint PRIMARY KEY, balance bigint NOT NULL)",
                "SELECT create_distributed_table('accounts', 'id')",
                "CREATE TABLE journal (entry bigserial PRIMARY KEY, account bigint NOT NULL, delta bigint NOT NULL)",
                "INSERT INTO accounts VALUES " + IntStream.rangeClosed(1, ACCOUNTS)
                        .mapToObj(id -> "(" + id + ", " + OPENING_BALANCE + ")").collect(Collectors.joining(", ")));
    }

    @Test
    void transfersKeepTheTotalThroughAWorkerPostgresKilledMidRun() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        AtomicInteger committed = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger committedAfterKill = new AtomicInteger();
        AtomicBoolean killed = new AtomicBoolean();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> runs = IntStream.range(0, CLIENTS).<Future<?>>mapToObj(client -> clients.submit(() -> {
                transfer(client, attempts, committed, failed, committedAfterKill, killed);
                return null;
            })).toList();
            while (attempts.get() < CLIENTS * TRANSFERS_PER_CLIENT / 3) {
                Thread.sleep(20); // polling the clients' progress; the run itself bounds this loop
            }
            EmbeddedPostgresServer victim = cluster.postgres().workers().get(1);
            ProcessHandle postmaster = ProcessHandle.of(victim.postmasterPid()).orElseThrow();
            killed.set(true);
            assertThat(postmaster.destroyForcibly()).isTrue(); // SIGKILL
            for (Future<?> run : runs) {
                run.get(120, TimeUnit.SECONDS);
            }
        } finally {
            clients.shutdownNow();
        }
        System.out.printf("[bank] %d transfers committed (%d after the kill), %d failed%n", committed.get(),
                committedAfterKill.get(), failed.get());
        awaitWorkersServing();
        settlePreparedTransactions();

        Map<Long, Long> balances = balances();
        assertThat(balances).hasSize(ACCOUNTS);
        assertThat(balances.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(ACCOUNTS * OPENING_BALANCE);
        Map<Long, Long> journal = new HashMap<>();
        for (String row : column(cluster.jdbcUrl(), "SELECT account || ':' || sum(delta) FROM journal GROUP BY account")) {
            String[] parts = row.split(":");
            journal.put(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
        }
        balances.forEach((account, balance) ->
                assertThat(balance - OPENING_BALANCE).as("account %d", account).isEqualTo(journal.getOrDefault(account, 0L)));
        assertThat(committed.get()).isPositive();
        assertThat(committedAfterKill.get()).as("transfers kept committing after the kill").isPositive();
    }

    private static void transfer(int client, AtomicInteger attempts, AtomicInteger committed, AtomicInteger failed,
                                 AtomicInteger committedAfterKill, AtomicBoolean killed) throws SQLException {
        Random random = new Random(client);
        Connection c = connect();
        try {
            for (int i = 0; i < TRANSFERS_PER_CLIENT; i++) {
                long from = 1 + random.nextInt(ACCOUNTS);
                long to = 1 + (from + random.nextInt(ACCOUNTS - 1)) % ACCOUNTS;
                long amount = 1 + random.nextInt(50);
                boolean afterKill = killed.get();
                attempts.incrementAndGet();
                try {
                    // rows are locked in account order, so concurrent transfers cannot deadlock
                    try (PreparedStatement move = c.prepareStatement(
                            "UPDATE accounts SET balance = balance + ? WHERE id = ?");
                         PreparedStatement note = c.prepareStatement(
                                 "INSERT INTO journal (account, delta) VALUES (?, ?), (?, ?)")) {
                        long low = Math.min(from, to);
                        long high = Math.max(from, to);
                        move.setLong(1, low == from ? -amount : amount);
                        move.setLong(2, low);
                        move.executeUpdate();
                        move.setLong(1, high == from ? -amount : amount);
                        move.setLong(2, high);
                        move.executeUpdate();
                        note.setLong(1, from);
                        note.setLong(2, -amount);
                        note.setLong(3, to);
                        note.setLong(4, amount);
                        note.executeUpdate();
                    }
                    c.commit();
                    committed.incrementAndGet();
                    if (afterKill) {
                        committedAfterKill.incrementAndGet();
                    }
                } catch (SQLException e) {
                    failed.incrementAndGet();
                    c = recover(c);
                }
            }
        } finally {
            c.close();
        }
    }

    private static Connection connect() throws SQLException {
        Connection c = DriverManager.getConnection(cluster.jdbcUrl());
        c.setAutoCommit(false);
        return c;
    }

    /** After a failed transfer: roll back, or open a new session when this one is gone. */
    private static Connection recover(Connection c) throws SQLException {
        try {
            c.rollback();
            return c;
        } catch (SQLException e) {
            c.close();
            return connect();
        }
    }

    private static void awaitWorkersServing() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (String url : cluster.workerPostgresJdbcUrls()) {
            while (true) {
                try (Connection c = DriverManager.getConnection(url)) {
                    break;
                } catch (SQLException e) {
                    assertThat(System.nanoTime()).as("worker PostgreSQL restarted: " + url).isLessThan(deadline);
                    Thread.sleep(200); // the watchdog restarts it; the deadline bounds the wait
                }
            }
        }
    }

    /** Runs recovery until no worker holds a prepared transaction (the agents may still be reconnecting). */
    private static void settlePreparedTransactions() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                execute(cluster.jdbcUrl(), "SELECT recover_prepared_transactions()");
            } catch (SQLException e) {
                // a worker agent may still fail its first connections to the restarted server
            }
            long prepared = 0;
            for (String url : cluster.workerPostgresJdbcUrls()) {
                prepared += Long.parseLong(column(url, "SELECT count(*) FROM pg_prepared_xacts").get(0));
            }
            if (prepared == 0) {
                return;
            }
            assertThat(System.nanoTime()).as("prepared transactions left: " + prepared).isLessThan(deadline);
            Thread.sleep(200); // between recovery passes; the deadline bounds the wait
        }
    }

    private static Map<Long, Long> balances() throws SQLException {
        Map<Long, Long> balances = new HashMap<>();
        String ids = IntStream.rangeClosed(1, ACCOUNTS).mapToObj(Integer::toString).collect(Collectors.joining(", "));
        try (Connection c = DriverManager.getConnection(cluster.jdbcUrl()); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT id, balance FROM accounts WHERE id IN (" + ids + ")")) {
            while (rows.next()) {
                balances.put(rows.getLong(1), rows.getLong(2));
            }
        }
        return balances;
    }
}
