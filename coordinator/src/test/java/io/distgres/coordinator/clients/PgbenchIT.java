package io.distgres.coordinator.clients;

import static org.assertj.core.api.Assertions.assertThat;

import io.distgres.coordinator.testing.EmbeddedClusterExtension;
import io.distgres.coordinator.testing.PostgresClientTool;
import io.distgres.coordinator.testing.PostgresClientTool.Result;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The real {@code pgbench} against the coordinator: {@code -i -s 1}, then select-only runs in
 * each query mode (simple, extended, prepared) and the default TPC-B-like script, checking exit
 * codes, zero failed transactions and the rows the runs leave. TPS is printed, never asserted.
 */
class PgbenchIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final Pattern PROCESSED = Pattern.compile("number of transactions actually processed: (\\d+)");
    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");

    @RegisterExtension
    static EmbeddedClusterExtension cluster = EmbeddedClusterExtension.cluster();

    private static PostgresClientTool pgbench;

    @BeforeAll
    static void initialize() throws SQLException {
        pgbench = PostgresClientTool.require("pgbench");
        Result init = pgbench(List.of("-i", "-s", "1"));

        assertThat(init.exitCode()).as(init.toString()).isZero();
        assertThat(init.stderr()).contains("done in");
        assertThat(longs("SELECT (SELECT count(*) FROM pgbench_accounts), (SELECT count(*) FROM pgbench_branches), "
                + "(SELECT count(*) FROM pgbench_tellers), (SELECT count(*) FROM pgbench_history)"))
                .containsExactly(100_000L, 1L, 10L, 0L);
    }

    @ParameterizedTest(name = "-S -M {0}")
    @ValueSource(strings = {"simple", "extended", "prepared"})
    void selectOnlyRunsInEveryQueryMode(String mode) throws SQLException {
        Result run = pgbench(List.of("-S", "-t", "500", "-c", "4", "-M", mode));

        long processed = assertCleanRun(run, "-S -M " + mode);
        assertThat(processed).isPositive();
        assertThat(longs("SELECT count(*), count(DISTINCT aid), min(aid), max(aid) FROM pgbench_accounts"))
                .as("select-only leaves the accounts as they were").containsExactly(100_000L, 100_000L, 1L, 100_000L);
    }

    @Test
    void tpcbLikeScriptKeepsTheBalancesConsistent() throws SQLException {
        List<Long> before = balances();

        Result run = pgbench(List.of("-t", "250", "-c", "4"));

        long processed = assertCleanRun(run, "TPC-B (default script)");
        assertThat(processed).isPositive();
        assertThat(longs("SELECT count(*) FROM pgbench_history"))
                .as("one history row per transaction (pgbench truncates history before a run)").containsExactly(processed);
        List<Long> after = balances();
        long delta = longs("SELECT coalesce(sum(delta), 0) FROM pgbench_history").get(0);
        for (int i = 0; i < before.size(); i++) {
            assertThat(after.get(i) - before.get(i)).as("balance change of table %d equals the sum of the deltas", i)
                    .isEqualTo(delta);
        }
        assertThat(longs("SELECT count(*) FROM pgbench_accounts")).containsExactly(100_000L);
    }

    /** Exit 0 and no failed transaction; prints TPS and returns the processed transaction count. */
    private static long assertCleanRun(Result run, String label) {
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stdout()).as(run.toString()).contains("number of failed transactions: 0 ");
        Matcher processed = PROCESSED.matcher(run.stdout());
        assertThat(processed.find()).as(run.toString()).isTrue();
        Matcher tps = TPS.matcher(run.stdout());
        System.out.println("[PgbenchIT] " + label + ": " + processed.group(1) + " transactions, tps "
                + (tps.find() ? tps.group(1) : "(not printed)"));
        return Long.parseLong(processed.group(1));
    }

    private static List<Long> balances() throws SQLException {
        return longs("SELECT (SELECT sum(abalance) FROM pgbench_accounts), (SELECT sum(bbalance) FROM pgbench_branches), "
                + "(SELECT sum(tbalance) FROM pgbench_tellers)");
    }

    private static Result pgbench(List<String> args) {
        List<String> all = new ArrayList<>(args);
        all.add(cluster.connectionString());
        return pgbench.run(TIMEOUT, all);
    }

    private static List<Long> longs(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(cluster.jdbcUrl()); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            List<Long> values = new ArrayList<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                values.add(rs.getLong(i));
            }
            return values;
        }
    }
}
