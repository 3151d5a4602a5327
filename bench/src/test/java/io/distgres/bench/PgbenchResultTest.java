package io.distgres.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import org.junit.jupiter.api.Test;

class PgbenchResultTest {
    private static final String SUMMARY = """
            pgbench (15.14 (Debian 15.14-0+deb12u1), server 17.6)
            transaction type: <builtin: select only>
            scaling factor: 10
            query mode: prepared
            number of clients: 16
            number of threads: 2
            maximum number of tries: 1
            duration: 10 s
            number of transactions actually processed: 183520
            number of failed transactions: 0 (0.000%)
            latency average = 0.871 ms
            initial connection time = 25.410 ms
            tps = 18352.413390 (without initial connection time)
            """;

    @Test
    void readsThroughputAndLatencyPercentilesOfASuccessfulRun() {
        LatencyLog log = new LatencyLog().read(new StringReader("""
                0 1 100 0 1764350000 1
                0 2 300 0 1764350000 2
                1 1 200 0 1764350000 3
                1 2 5000 0 1764350000 4
                """));

        PgbenchResult result = PgbenchResult.parse(SUMMARY, "", 0, log);

        assertThat(result.tps()).isEqualTo(18352.413390);
        assertThat(result.transactions()).isEqualTo(183520);
        assertThat(result.p50Millis()).hasValue(0.2);
        assertThat(result.p99Millis()).hasValue(5.0);
        assertThat(result.succeeded()).isTrue();
    }

    @Test
    void reportsTheServersErrorWhenAClientAborted() {
        String stderr = """
                pgbench: error: client 0 script 0 aborted in command 5 query 0: ERROR:  writes to distributed table \
                "pgbench_accounts" inside a transaction block are not supported
                pgbench: error: Run was aborted; the above results are incomplete.
                """;

        PgbenchResult result = PgbenchResult.parse(SUMMARY.replace("183520", "0"), stderr, 2, new LatencyLog());

        assertThat(result.succeeded()).isFalse();
        assertThat(result.error()).hasValue("ERROR: writes to distributed table \"pgbench_accounts\" inside a"
                + " transaction block are not supported");
        assertThat(result.p50Millis()).isEmpty();
    }

    @Test
    void aNonZeroExitWithoutAnErrorLineStillFails() {
        PgbenchResult result = PgbenchResult.parse("", "connection refused\n", 1, new LatencyLog());

        assertThat(result.error()).hasValue("pgbench exited with status 1: connection refused");
    }

    @Test
    void failedTransactionsFailTheRun() {
        PgbenchResult result = PgbenchResult.parse(SUMMARY.replace("failed transactions: 0 (0.000%)",
                "failed transactions: 7 (0.004%)"), "", 0, new LatencyLog());

        assertThat(result.error()).hasValue("7 failed transactions");
    }

    @Test
    void logLinesWithoutANumericLatencyAreSkipped() {
        LatencyLog log = new LatencyLog().read(new StringReader("0 1 skipped 0 1 1\n0 2 failed 0 1 1\n0 3 250 0 1 1\n"));

        assertThat(log.count()).isEqualTo(1);
        assertThat(log.percentileMillis(50)).hasValue(0.25);
    }
}
