package io.distgres.bench;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Runs the pgbench program against a {@link Target} and reads its summary and per-transaction log. */
final class Pgbench {
    private final Path executable;
    private final Path workDirectory;
    private int runNumber;

    Pgbench(Path executable, Path workDirectory) {
        this.executable = requireNonNull(executable, "executable is null");
        this.workDirectory = requireNonNull(workDirectory, "workDirectory is null");
    }

    /** {@code pgbench -i}: pgbench's own tables and rows (used for the direct side only). */
    void initialize(Target target, int scale) throws IOException {
        List<String> command = new ArrayList<>(List.of(executable.toString(), "-i", "-q", "-s", Integer.toString(scale)));
        command.addAll(target.clientArguments());
        ProcessRun.run(command, workDirectory, 3600).requireSuccess("pgbench -i on " + target.name());
    }

    /**
     * One timed run without vacuuming first ({@code -n}: distgres cannot VACUUM through the
     * coordinator yet, and the direct side was vacuumed by {@code pgbench -i}).
     *
     * @param script e.g. {@code -S} for select-only, empty for the TPC-B-like default
     * @param mode   {@code simple} or {@code prepared}
     */
    PgbenchResult run(Target target, List<String> script, String mode, int clients, int seconds) throws IOException {
        Path logDirectory = workDirectory.resolve("log-" + (++runNumber));
        Files.createDirectories(logDirectory);
        List<String> command = new ArrayList<>(List.of(executable.toString(), "-n"));
        command.addAll(script);
        command.addAll(List.of("-M", mode, "-c", Integer.toString(clients), "-j", Integer.toString(Math.min(clients, 2)),
                "-T", Integer.toString(seconds), "--log", "--log-prefix=" + logDirectory.resolve("tx")));
        command.addAll(target.clientArguments());
        ProcessRun process = ProcessRun.run(command, workDirectory, seconds + 120L);
        LatencyLog latencies = new LatencyLog();
        try (Stream<Path> logs = Files.list(logDirectory)) {
            for (Path log : logs.toList()) {
                latencies.read(Files.newBufferedReader(log, StandardCharsets.UTF_8));
                Files.delete(log);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        Files.delete(logDirectory);
        return PgbenchResult.parse(process.stdout(), process.stderr(), process.exitCode(), latencies);
    }
}
