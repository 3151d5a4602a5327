package io.distgres.bench;

import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one pgbench run reported: throughput, transactions, per-transaction latency percentiles
 * (from its {@code --log} files) and, when a client aborted, the first error it printed.
 *
 * @param tps          transactions per second without connection time
 * @param transactions transactions actually processed
 * @param p50Millis    median transaction latency, when the log had entries
 * @param p99Millis    99th percentile transaction latency
 * @param error        the first error line when pgbench failed or a client aborted
 */
public record PgbenchResult(double tps, long transactions, OptionalDouble p50Millis, OptionalDouble p99Millis,
                            Optional<String> error) {
    private static final Pattern TPS = Pattern.compile("(?m)^tps = ([0-9.]+)");
    private static final Pattern PROCESSED = Pattern.compile("(?m)^number of transactions actually processed: (\\d+)");
    private static final Pattern FAILED = Pattern.compile("(?m)^number of failed transactions: (\\d+)");
    private static final Pattern ERROR_LINE = Pattern.compile("(?m)^.*(?:ERROR:|aborted|FATAL:|error:).*$");

    /** True when the run completed without an aborted client or failed transaction. */
    public boolean succeeded() {
        return error.isEmpty();
    }

    /**
     * Parses pgbench's summary ({@code stdout}) and diagnostics ({@code stderr}); the latencies come
     * from the run's log files.
     */
    public static PgbenchResult parse(String stdout, String stderr, int exitCode, LatencyLog latencies) {
        double tps = find(TPS, stdout).map(Double::parseDouble).orElse(0.0);
        long transactions = find(PROCESSED, stdout).map(Long::parseLong).orElse(0L);
        long failed = find(FAILED, stdout).map(Long::parseLong).orElse(0L);
        Optional<String> error = Optional.empty();
        Matcher errorLine = ERROR_LINE.matcher(stderr);
        if (errorLine.find()) {
            String line = errorLine.group().strip();
            int serverError = line.indexOf("ERROR:");
            // "pgbench: error: client 0 script 0 aborted in command 5 query 0: ERROR:  ..." -> the server's words
            error = Optional.of(serverError >= 0 ? line.substring(serverError).replaceAll("\\s+", " ") : line);
        } else if (exitCode != 0) {
            error = Optional.of("pgbench exited with status " + exitCode
                    + (stderr.isBlank() ? "" : ": " + stderr.strip().lines().findFirst().orElse("")));
        } else if (failed > 0) {
            error = Optional.of(failed + " failed transactions");
        }
        return new PgbenchResult(tps, transactions, latencies.percentileMillis(50), latencies.percentileMillis(99),
                error);
    }

    private static Optional<String> find(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
