package io.distgres.coordinator.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.distgres.coordinator.testing.PostgresProcesses;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the real fat jar as users do ({@code java -jar distgres.jar ...}). Failsafe runs after
 * {@code package}, so {@code target/distgres.jar} exists.
 */
class LauncherProcessIT {
    private static final Duration START_DEADLINE = Duration.ofSeconds(120);
    private static final Duration STOP_DEADLINE = Duration.ofSeconds(60);
    private static final Pattern READY = Pattern.compile("^distgres ready in [0-9.]+ s: (postgresql://postgres@127\\.0\\.0\\.1:(\\d+)/postgres)$");
    private static Path jar;

    @TempDir
    Path dataDirectory;

    @BeforeAll
    static void locateJar() {
        jar = Path.of(System.getProperty("basedir", ".")).resolve("target").resolve("distgres.jar");
        Assumptions.assumeTrue(Files.exists(jar), "no " + jar + ": run `mvn verify`, which packages before integration tests");
    }

    @Test
    void helpAndVersionWork() throws Exception {
        for (String[] args : List.of(new String[] {"--help"}, new String[] {"--version"}, new String[] {"start", "--help"},
                new String[] {"coordinator", "--help"}, new String[] {"worker", "--help"})) {
            Launcher launcher = Launcher.start(args);
            assertThat(launcher.awaitExit(Duration.ofSeconds(30))).as(String.join(" ", args)).isZero();
            assertThat(String.join("\n", launcher.out())).contains(args[0].startsWith("--") ? "distgres" : "Usage: distgres " + args[0]);
        }
    }

    @Test
    void aTakenPortIsOneErrorLineANonZeroExitAndNoPostgres() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Launcher launcher = startCluster(taken.getLocalPort());

            assertThat(launcher.awaitExit(START_DEADLINE)).isNotZero();
            assertThat(launcher.err()).filteredOn(line -> line.startsWith("distgres:"))
                    .containsExactly("distgres: cannot start the cluster: port " + taken.getLocalPort()
                            + " on 127.0.0.1 is in use by another process");
            assertThat(launcher.out()).noneMatch(line -> line.contains("ready"));
            assertThat(PostgresProcesses.runningUnder(dataDirectory)).isEmpty();
        }
    }

    /**
     * The whole life cycle through a real client: the ready line, a row written with pgjdbc through
     * the coordinator's port, SIGTERM stopping everything with exit 0 and no PostgreSQL left, and a
     * restart on the same data directory that still has the row.
     */
    @Test
    void servesUntilSigtermStopsCleanlyAndKeepsRowsAcrossRestart() throws Exception {
        int port = LoopbackPorts.pickFree("127.0.0.1");
        Launcher first = startCluster(port);
        String readyLine = awaitReady(first);
        Matcher ready = READY.matcher(readyLine);
        assertThat(ready.matches()).as(readyLine).isTrue();
        assertThat(Integer.parseInt(ready.group(2))).isEqualTo(port);
        assertThat(first.out()).filteredOn(line -> line.contains("ready")).hasSize(1);
        List<Long> postmasters = PostgresProcesses.postmasterPids(dataDirectory);
        assertThat(postmasters).hasSize(3);

        String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres";
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE launcher_kept (id int PRIMARY KEY, note text)");
            s.execute("INSERT INTO launcher_kept VALUES (1, 'written through the coordinator')");
        }

        first.process.destroy(); // SIGTERM
        assertThat(first.awaitExit(STOP_DEADLINE)).as("exit code after SIGTERM").isZero();
        assertThat(first.out()).anyMatch(line -> line.equals("distgres: the cluster stopped"));
        assertThat(PostgresProcesses.allExited(postmasters, Duration.ZERO)).as("postmasters gone").isTrue();
        assertThat(PostgresProcesses.runningUnder(dataDirectory)).isEmpty();

        Launcher second = startCluster(port);
        awaitReady(second);
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT note FROM launcher_kept WHERE id = 1")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("written through the coordinator");
        } finally {
            second.process.destroy();
            assertThat(second.awaitExit(STOP_DEADLINE)).isZero();
        }
        assertThat(PostgresProcesses.runningUnder(dataDirectory)).isEmpty();
    }

    private Launcher startCluster(int port) throws IOException {
        return Launcher.start("start", "--data-dir", dataDirectory.toString(), "--port", Integer.toString(port),
                "--admin-port", Integer.toString(LoopbackPorts.pickFree("127.0.0.1")),
                "--metrics-port", Integer.toString(LoopbackPorts.pickFree("127.0.0.1")));
    }

    private String awaitReady(Launcher launcher) throws Exception {
        String line = launcher.awaitLine(l -> l.contains("ready"), START_DEADLINE);
        if (line == null) {
            if (launcher.process.isAlive()) {
                launcher.process.destroyForcibly();
            }
            throw new AssertionError("launcher never printed its ready line; stdout " + launcher.out() + " stderr " + launcher.err());
        }
        return line;
    }

    /**
     * One {@code java -jar distgres.jar} process. Its output goes to files, not pipes: a thread
     * reading a pipe can lose the last lines with "Stream closed" when the JDK drains the pipe as
     * the process exits, and those last lines are the ones the stop test reads.
     */
    private static final class Launcher {
        final Process process;
        private final Path outFile;
        private final Path errFile;

        private Launcher(Process process, Path outFile, Path errFile) {
            this.process = process;
            this.outFile = outFile;
            this.errFile = errFile;
        }

        static Launcher start(String... args) throws IOException {
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()));
            command.addAll(List.of(args));
            Path outFile = Files.createTempFile("distgres-launcher-", ".out");
            Path errFile = Files.createTempFile("distgres-launcher-", ".err");
            outFile.toFile().deleteOnExit();
            errFile.toFile().deleteOnExit();
            Process process = new ProcessBuilder(command)
                    .redirectOutput(outFile.toFile())
                    .redirectError(errFile.toFile())
                    .start();
            return new Launcher(process, outFile, errFile);
        }

        List<String> out() {
            return lines(outFile);
        }

        List<String> err() {
            return lines(errFile);
        }

        /** The first stdout line matching, or null if the process ended (or the deadline passed) without one. */
        String awaitLine(Predicate<String> wanted, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                boolean exited = !process.isAlive();
                for (String line : out()) {
                    if (wanted.test(line)) {
                        return line;
                    }
                }
                if (exited) {
                    return null;
                }
                Thread.sleep(50);
            }
            return null;
        }

        int awaitExit(Duration timeout) throws InterruptedException {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("launcher did not exit within " + timeout + "; stdout " + out() + " stderr " + err());
            }
            return process.exitValue();
        }

        private static List<String> lines(Path file) {
            try {
                // a line still being written has no line end yet; it is read on the next poll
                String text = Files.readString(file, StandardCharsets.UTF_8);
                int end = text.lastIndexOf('\n');
                return end < 0 ? List.of() : List.of(text.substring(0, end).split("\n", -1));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
