package io.distgres.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.OptionalDouble;

/**
 * Transaction latencies read from pgbench {@code --log} files, whose lines are
 * {@code client_id transaction_no time_us script_no time_epoch time_us_part [...]}; lines whose
 * latency is not a number (skipped or failed transactions) are not counted.
 */
public final class LatencyLog {
    private long[] micros = new long[1024];
    private int count;

    /** Adds every transaction line of one log file. */
    public LatencyLog read(Reader log) {
        try (BufferedReader lines = new BufferedReader(log)) {
            String line;
            while ((line = lines.readLine()) != null) {
                add(line);
            }
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void add(String line) {
        String[] fields = line.strip().split("\\s+");
        if (fields.length < 3 || !fields[2].chars().allMatch(Character::isDigit) || fields[2].isEmpty()) {
            return;
        }
        if (count == micros.length) {
            micros = Arrays.copyOf(micros, count * 2);
        }
        micros[count++] = Long.parseLong(fields[2]);
    }

    public int count() {
        return count;
    }

    /** The nearest-rank percentile in milliseconds. */
    public OptionalDouble percentileMillis(double p) {
        OptionalDouble us = Stats.percentile(micros, count, p);
        return us.isPresent() ? OptionalDouble.of(us.getAsDouble() / 1000.0) : us;
    }
}
