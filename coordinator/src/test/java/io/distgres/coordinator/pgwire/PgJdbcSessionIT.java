package io.distgres.coordinator.pgwire;

import static io.distgres.coordinator.pgwire.JdbcModes.connect;
import static io.distgres.coordinator.pgwire.JdbcModes.execute;
import static io.distgres.coordinator.pgwire.JdbcModes.label;
import static io.distgres.coordinator.pgwire.JdbcModes.queryString;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.distgres.coordinator.testing.EmbeddedClusterExtension;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.postgresql.PGConnection;

/**
 * What a session owns while it shares backend connections with others (transaction pooling):
 * its settings, startup options and cancellation, and many more client connections than the pool holds.
 */
class PgJdbcSessionIT {
    @RegisterExtension
    static EmbeddedClusterExtension cluster = EmbeddedClusterExtension.cluster();

    /** The bound on how long cancellation may take to reach the client. */
    private static final Duration QUICKLY = Duration.ofSeconds(5);

    @ParameterizedTest
    @MethodSource("io.distgres.coordinator.pgwire.JdbcModes#all")
    void cancelInterruptsARunningStatement(String mode) throws Exception {
        String sql = "SELECT pg_sleep(30) AS cancel_" + label(mode);
        try (Connection c = connect(cluster.jdbcUrl(), mode); Statement statement = c.createStatement()) {
            CompletableFuture<SQLException> outcome = CompletableFuture.supplyAsync(
                    () -> catchThrowableOfType(SQLException.class, () -> statement.executeQuery(sql)));
            awaitRunning(sql);
            long start = System.nanoTime();
            statement.cancel();
            SQLException e = outcome.get(QUICKLY.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(QUICKLY);
            assertThat((Object) e).isNotNull();
            assertThat(e.getSQLState()).isEqualTo("57014");
            assertThat(queryString(c, "SELECT 'usable'")).isEqualTo("usable");
        }
    }

    @ParameterizedTest
    @MethodSource("io.distgres.coordinator.pgwire.JdbcModes#all")
    void queryTimeoutCancelsAndTheConnectionStaysUsable(String mode) throws Exception {
        try (Connection c = connect(cluster.jdbcUrl(), mode);
             PreparedStatement statement = c.prepareStatement("SELECT pg_sleep(30)")) {
            statement.setQueryTimeout(1);
            long start = System.nanoTime();
            SQLException e = catchThrowableOfType(SQLException.class, statement::executeQuery);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1).plus(QUICKLY));
            assertThat((Object) e).isNotNull();
            assertThat(e.getSQLState()).isEqualTo("57014");

            // a cancelled statement inside a transaction fails the transaction, as directly
            c.setAutoCommit(false);
            e = catchThrowableOfType(SQLException.class, statement::executeQuery);
            assertThat(e.getSQLState()).isEqualTo("57014");
            assertThat(catchThrowableOfType(SQLException.class, () -> queryString(c, "SELECT 1")).getSQLState())
                    .isEqualTo("25P02");
            c.rollback();
            c.setAutoCommit(true);
            assertThat(queryString(c, "SELECT 'usable'")).isEqualTo("usable");
        }
    }

    @ParameterizedTest
    @MethodSource("io.distgres.coordinator.pgwire.JdbcModes#all")
    void eachSessionSeesOnlyItsOwnSettings(String mode) throws SQLException {
        String schema = "settings_" + label(mode);
        try (Connection a = connect(cluster.jdbcUrl(), mode);
             Connection b = connect(cluster.jdbcUrl(), mode);
             Connection c = connect(cluster.jdbcUrl(), mode)) {
            execute(a, "CREATE SCHEMA " + schema + "; CREATE TABLE " + schema + ".whose (v text);"
                    + "INSERT INTO " + schema + ".whose VALUES ('schema')");
            execute(a, "CREATE TABLE IF NOT EXISTS public.whose (v text);"
                    + "INSERT INTO public.whose SELECT 'public' WHERE NOT EXISTS (SELECT FROM public.whose)");
            Map<String, String> defaults = settingsOf(c);

            execute(a, "SET search_path = " + schema + ", public");
            execute(b, "SET TIME ZONE 'America/New_York'");
            execute(c, "SET application_name = 'session_c'");
            Map<String, String> wantA = with(defaults, "search_path", schema + ", public", "whose", "schema");
            Map<String, String> wantB = with(defaults, "TimeZone", "America/New_York", null, null);
            Map<String, String> wantC = with(defaults, "application_name", "session_c", null, null);

            Set<String> backendsOfA = new HashSet<>();
            Set<String> backendsOfOthers = new HashSet<>();
            for (int round = 0; round < 10; round++) {
                assertThat(settingsOf(a)).as("a, round %d", round).isEqualTo(wantA);
                assertThat(settingsOf(b)).as("b, round %d", round).isEqualTo(wantB);
                assertThat(settingsOf(c)).as("c, round %d", round).isEqualTo(wantC);
                backendsOfA.add(queryString(a, "SELECT pg_backend_pid()"));
                backendsOfOthers.add(queryString(b, "SELECT pg_backend_pid()"));
                backendsOfOthers.add(queryString(c, "SELECT pg_backend_pid()"));
            }
            // the sessions did share backend connections, so the settings really were swapped in and out
            backendsOfA.retainAll(backendsOfOthers);
            assertThat(backendsOfA).isNotEmpty();
            // the client hears about its own changes through ParameterStatus, and only its own
            assertThat(a.unwrap(PGConnection.class).getParameterStatus("TimeZone")).isEqualTo(defaults.get("TimeZone"));
            assertThat(b.unwrap(PGConnection.class).getParameterStatus("TimeZone")).isEqualTo("America/New_York");
            assertThat(c.unwrap(PGConnection.class).getParameterStatus("application_name")).isEqualTo("session_c");

            // SET LOCAL ends with its transaction; a plain SET in a rolled-back transaction is undone
            a.setAutoCommit(false);
            execute(a, "SET LOCAL search_path = pg_catalog");
            assertThat(queryString(a, "SHOW search_path")).isEqualTo("pg_catalog");
            execute(a, "SET TIME ZONE 'Asia/Tokyo'");
            assertThat(settingsOf(b)).isEqualTo(wantB);
            a.rollback();
            a.setAutoCommit(true);
            for (int round = 0; round < 3; round++) {
                assertThat(settingsOf(a)).isEqualTo(wantA);
                assertThat(settingsOf(b)).isEqualTo(wantB);
            }

            execute(b, "RESET TIME ZONE");
            assertThat(settingsOf(b)).isEqualTo(defaults);
            assertThat(settingsOf(a)).isEqualTo(wantA);
        }
    }

    @ParameterizedTest
    @MethodSource("io.distgres.coordinator.pgwire.JdbcModes#all")
    void startupOptionsApplyToEveryStatementOfTheSession(String mode) throws SQLException {
        try (Connection limited = connect(cluster.jdbcUrl(), mode + "&options=-c%20statement_timeout%3D100");
             Connection other = connect(cluster.jdbcUrl(), mode)) {
            for (int round = 0; round < 5; round++) {
                assertThat(queryString(limited, "SHOW statement_timeout")).isEqualTo("100ms");
                assertThat(queryString(other, "SHOW statement_timeout")).isEqualTo("0");
                SQLException e = catchThrowableOfType(SQLException.class, () -> queryString(limited, "SELECT pg_sleep(2)"));
                assertThat((Object) e).isNotNull();
                assertThat(e.getSQLState()).isEqualTo("57014");
                assertThat(e.getMessage()).contains("statement timeout");
            }
            assertThat(queryString(other, "SELECT pg_sleep(0.2)::text")).isEmpty();
        }
    }

    @Test
    void manyMoreClientsThanPooledConnectionsAllSucceed() throws Exception {
        int clients = 200;
        try (Connection c = DriverManager.getConnection(cluster.jdbcUrl())) {
            execute(c, "CREATE TABLE crowd (client int, n int)");
        }
        CyclicBarrier allConnected = new CyclicBarrier(clients);
        ExecutorService threads = Executors.newFixedThreadPool(clients);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                int client = i;
                String mode = JdbcModes.all().toList().get(i % 3);
                results.add(threads.submit(() -> {
                    try (Connection c = connect(cluster.jdbcUrl(), mode)) {
                        allConnected.await(30, TimeUnit.SECONDS);
                        int sum = 0;
                        try (PreparedStatement p = c.prepareStatement("SELECT ?::int + 1")) {
                            for (int n = 0; n < 10; n++) {
                                p.setInt(1, client * 100 + n);
                                try (ResultSet rs = p.executeQuery()) {
                                    rs.next();
                                    sum += rs.getInt(1) - client * 100;
                                }
                            }
                        }
                        // a transaction holds its backend connection across statements
                        c.setAutoCommit(false);
                        execute(c, "INSERT INTO crowd VALUES (" + client + ", 1)");
                        execute(c, "INSERT INTO crowd VALUES (" + client + ", 2)");
                        sum += Integer.parseInt(queryString(c, "SELECT sum(n) FROM crowd WHERE client = " + client));
                        c.commit();
                        return sum;
                    }
                }));
            }
            for (Future<Integer> result : results) {
                assertThat(result.get(60, TimeUnit.SECONDS)).isEqualTo(55 + 3);
            }
        } finally {
            threads.shutdownNow();
        }
        try (Connection c = DriverManager.getConnection(cluster.jdbcUrl())) {
            assertThat(queryString(c, "SELECT count(*) || '/' || count(DISTINCT client) FROM crowd"))
                    .isEqualTo((2 * clients) + "/" + clients);
        }
    }

    /** What a session's settings decide: three settings and which table {@code whose} resolves to. */
    private static Map<String, String> settingsOf(Connection c) throws SQLException {
        String whose;
        try {
            whose = queryString(c, "SELECT v FROM whose");
        } catch (SQLException e) {
            whose = e.getSQLState();
        }
        return Map.of("search_path", queryString(c, "SHOW search_path"), "TimeZone", queryString(c, "SHOW TimeZone"),
                "application_name", queryString(c, "SHOW application_name"), "whose", whose);
    }

    private static Map<String, String> with(Map<String, String> base, String k1, String v1, String k2, String v2) {
        Map<String, String> copy = new java.util.HashMap<>(base);
        copy.put(k1, v1);
        if (k2 != null) {
            copy.put(k2, v2);
        }
        return copy;
    }

    /** Polls the coordinator's PostgreSQL until a backend runs {@code sql}. */
    private static void awaitRunning(String sql) throws Exception {
        long deadline = System.nanoTime() + QUICKLY.toNanos();
        try (Connection direct = DriverManager.getConnection(cluster.coordinatorPostgresJdbcUrl());
             PreparedStatement running = direct.prepareStatement(
                     "SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND query = ?")) {
            running.setString(1, sql);
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = running.executeQuery()) {
                    rs.next();
                    if (rs.getInt(1) > 0) {
                        return;
                    }
                }
                Thread.sleep(10); // a polling interval, bounded by the deadline
            }
        }
        throw new AssertionError("statement never started: " + sql);
    }
}
