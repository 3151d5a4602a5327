package io.distgres.coordinator.testing;

import io.distgres.coordinator.launcher.ProcessLiveness;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds PostgreSQL processes of a data directory, to prove a stop left no orphans. Postmasters
 * started by pg_ctl are detached from the JVM, so they are found by pid file and command line,
 * not as descendants.
 */
public final class PostgresProcesses {
    private PostgresProcesses() {
    }

    /** Live processes whose command line names a directory under {@code dataDirectory} (postmasters run with -D). */
    public static List<ProcessHandle> runningUnder(Path dataDirectory) {
        String dir = dataDirectory.toAbsolutePath().normalize().toString();
        return ProcessHandle.allProcesses()
                .filter(p -> !ProcessLiveness.hasExited(p.pid()))
                .filter(p -> p.info().commandLine().map(c -> c.contains("postgres") && c.contains(dir)).orElse(false))
                .toList();
    }

    /** Pids in the {@code postmaster.pid} files of the servers under {@code dataDirectory}. */
    public static List<Long> postmasterPids(Path dataDirectory) throws IOException {
        List<Long> pids = new ArrayList<>();
        try (Stream<Path> children = Files.list(dataDirectory)) {
            for (Path pidFile : children.map(d -> d.resolve("postmaster.pid")).filter(Files::exists).toList()) {
                pids.add(Long.parseLong(Files.readAllLines(pidFile, StandardCharsets.US_ASCII).get(0).trim()));
            }
        }
        return pids;
    }

    /** True once every one of {@code pids} has exited (a zombie counts as exited), polling until {@code timeout}. */
    public static boolean allExited(List<Long> pids, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!pids.stream().allMatch(ProcessLiveness::hasExited)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }
}
