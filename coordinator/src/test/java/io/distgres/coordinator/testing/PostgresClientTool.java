package io.distgres.coordinator.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A PostgreSQL client program (psql, pgbench) run as a separate process, as users run it. The
 * binary comes from the newest {@code /usr/lib/postgresql/N/bin}, else from PATH; its output
 * goes to files so a chatty program never blocks on a full pipe.
 */
public final class PostgresClientTool {
    private final Path binary;

    private PostgresClientTool(Path binary) {
        this.binary = binary;
    }

    /** The tool, or the test is aborted (skipped) with a message saying how to install it. */
    public static PostgresClientTool require(String name) {
        Optional<Path> found = find(name);
        Assumptions.assumeTrue(found.isPresent(), name + " not found in /usr/lib/postgresql/*/bin or on PATH; "
                + "install postgresql-client (CI does) to run this test");
        return new PostgresClientTool(found.get());
    }

    public Path binary() {
        return binary;
    }

    /** Runs to completion; fails the test if it takes longer than {@code timeout}. */
    public Result run(Duration timeout, List<String> args) {
        Running running = start(args);
        return running.await(timeout);
    }

    /** Starts the program and returns at once. */
    public Running start(List<String> args) {
        try {
            List<String> command = new ArrayList<>();
            command.add(binary.toString());
            command.addAll(args);
            Path out = Files.createTempFile("distgres-" + binary.getFileName() + "-", ".out");
            Path err = Files.createTempFile("distgres-" + binary.getFileName() + "-", ".err");
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().keySet().removeIf(key -> key.startsWith("PG"));
            builder.environment().put("PGCONNECT_TIMEOUT", "10");
            builder.environment().put("PGCLIENTENCODING", "UTF8");
            builder.environment().put("LC_ALL", "C.UTF-8");
            return new Running(command, builder.start(), out, err, System.nanoTime());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<Path> find(String name) {
        Path versions = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(versions)) {
            try (Stream<Path> dirs = Files.list(versions)) {
                Optional<Path> newest = dirs.filter(d -> d.getFileName().toString().matches("\\d+"))
                        .sorted(Comparator.comparingInt((Path d) -> Integer.parseInt(d.getFileName().toString())).reversed())
                        .map(d -> d.resolve("bin").resolve(name))
                        .filter(Files::isExecutable)
                        .findFirst();
                if (newest.isPresent()) {
                    return newest;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(":"))
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, name))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /** A started client process. */
    public static final class Running {
        private final List<String> command;
        private final Process process;
        private final Path out;
        private final Path err;
        private final long startNanos;

        private Running(List<String> command, Process process, Path out, Path err, long startNanos) {
            this.command = command;
            this.process = process;
            this.out = out;
            this.err = err;
            this.startNanos = startNanos;
        }

        public long pid() {
            return process.pid();
        }

        /** Sends SIGINT, as Ctrl-C in a terminal does. */
        public void interrupt() throws IOException, InterruptedException {
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -INT " + process.pid() + " failed");
            }
        }

        public Result await(Duration timeout) {
            try {
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly().waitFor();
                    throw new AssertionError(String.join(" ", command) + " did not finish within " + timeout
                            + "\nstdout: " + read(out) + "\nstderr: " + read(err));
                }
                Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
                return new Result(String.join(" ", command), process.exitValue(), read(out), read(err), elapsed);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
                throw new AssertionError("interrupted while waiting for " + command, e);
            } finally {
                if (!process.isAlive()) {
                    deleteQuietly(out);
                    deleteQuietly(err);
                }
            }
        }

        private static String read(Path file) {
            try {
                return Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "(unreadable: " + e + ")";
            }
        }

        private static void deleteQuietly(Path file) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a temporary file left behind is harmless
            }
        }
    }

    /** How a finished run ended. */
    public record Result(String command, int exitCode, String stdout, String stderr, Duration elapsed) {
        @Override
        public String toString() {
            return command + "\nexit " + exitCode + " after " + elapsed.toMillis() + " ms\nstdout:\n" + stdout
                    + "\nstderr:\n" + stderr;
        }
    }
}
