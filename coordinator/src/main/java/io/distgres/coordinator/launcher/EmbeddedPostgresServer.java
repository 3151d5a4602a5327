package io.distgres.coordinator.launcher;

import static java.util.Objects.requireNonNull;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One embedded PostgreSQL 17 server on a loopback port whose data directory survives restarts.
 *
 * <p>zonky starts the postmaster through {@code pg_ctl}, which detaches it from the JVM: it is not a
 * child process, so {@link #close()} waits for the pid in {@code postmaster.pid} to be gone rather
 * than trusting {@code pg_ctl}'s five-second stop timeout.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {
    public static final String HOST = "127.0.0.1";
    public static final String USER = "postgres";
    public static final String DATABASE = "postgres";
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);
    private static final Duration STOP_WAIT = Duration.ofSeconds(60);

    private final String name;
    private final Path dataDirectory;
    private final EmbeddedPostgres postgres;
    private final long postmasterPid;
    private boolean closed;

    private EmbeddedPostgresServer(String name, Path dataDirectory, EmbeddedPostgres postgres, long postmasterPid) {
        this.name = requireNonNull(name, "name is null");
        this.dataDirectory = requireNonNull(dataDirectory, "dataDirectory is null");
        this.postgres = requireNonNull(postgres, "postgres is null");
        this.postmasterPid = postmasterPid;
    }

    /**
     * Starts (and on first use initializes) the server in {@code dataDirectory}, on
     * {@code preferredPort} when it is free, with its server log appended to {@code logFile}.
     */
    static EmbeddedPostgresServer start(String name, Path dataDirectory, int preferredPort, boolean fsync,
            Path logFile, Consumer<String> progress) throws IOException {
        stopLeftoverPostmaster(name, dataDirectory, progress);
        int port = LoopbackPorts.preferFree(HOST, preferredPort);
        progress.accept("starting " + name + " PostgreSQL on " + HOST + ":" + port + " (" + dataDirectory + ")");
        EmbeddedPostgres postgres;
        try {
            postgres = builder(dataDirectory, port, fsync, logFile).start();
        } catch (IOException | RuntimeException e) {
            if (LoopbackPorts.isFree(HOST, port)) {
                throw e;
            }
            // another process took the port between our check and the postmaster's bind: once more elsewhere
            port = LoopbackPorts.pickFree(HOST);
            progress.accept("port taken meanwhile; starting " + name + " PostgreSQL on " + HOST + ":" + port);
            postgres = builder(dataDirectory, port, fsync, logFile).start();
        }
        long pid = readPostmasterPid(dataDirectory).orElse(-1L);
        return new EmbeddedPostgresServer(name, dataDirectory, postgres, pid);
    }

    /**
     * Starts a server whose postmaster died again, on the same data directory and port (its clients
     * know it by that port); PostgreSQL's crash recovery brings back every committed and prepared
     * transaction. Retries while processes of the dead server still hold its shared memory.
     */
    static EmbeddedPostgresServer restart(EmbeddedPostgresServer dead, boolean fsync, Path logFile,
                                          Consumer<String> progress) throws IOException {
        int port = dead.port();
        try {
            dead.postgres.close(); // releases zonky's data directory lock; stopping finds nothing to stop
        } catch (IOException | RuntimeException e) {
            progress.accept("closing dead " + dead.name + " PostgreSQL: " + e.getMessage());
        }
        dead.closed = true;
        long deadline = System.nanoTime() + STARTUP_WAIT.toNanos();
        while (true) {
            try {
                EmbeddedPostgres postgres = builder(dead.dataDirectory, port, fsync, logFile).start();
                long pid = readPostmasterPid(dead.dataDirectory).orElse(-1L);
                return new EmbeddedPostgresServer(dead.name, dead.dataDirectory, postgres, pid);
            } catch (IOException | RuntimeException e) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("cannot restart " + dead.name + " PostgreSQL on port " + port + ": "
                            + e.getMessage(), e);
                }
            }
            try {
                Thread.sleep(500); // the dead server's backends exit once they notice; the deadline bounds this
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while restarting " + dead.name + " PostgreSQL", e);
            }
        }
    }

    /** False once the postmaster process is gone (killed, crashed); true while it runs or when its pid is unknown. */
    public boolean isAlive() {
        return postmasterPid <= 0 || !ProcessLiveness.hasExited(postmasterPid);
    }

    /**
     * zonky's builder configured as every server of the cluster runs (also what the benchmark's
     * plain PostgreSQL runs, so both sides are configured alike); the data directory is kept.
     */
    public static EmbeddedPostgres.Builder builder(Path dataDirectory, int port, boolean fsync, Path logFile)
            throws IOException {
        Files.createDirectories(logFile.getParent());
        Redirect log = Redirect.appendTo(logFile.toFile());
        return EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                // we stop servers ourselves, in order (coordinator, agents, then PostgreSQL)
                .setRegisterShutdownHook(false)
                .setPort(port)
                .setPGStartupWait(STARTUP_WAIT)
                // the server's own log goes to a file: on the console it would drown the progress lines,
                // and an inherited stdout pipe would outlive the JVM in the postmaster
                .setOutputRedirector(log)
                .setErrorRedirector(log)
                .setServerConfig("listen_addresses", HOST)
                .setServerConfig("max_connections", "300")
                .setServerConfig("max_prepared_transactions", "64")
                .setServerConfig("wal_level", "logical")
                // zonky passes -F (fsync off) and synchronous_commit=off; committed rows must survive a crash
                .setServerConfig("fsync", fsync ? "on" : "off")
                .setServerConfig("synchronous_commit", fsync ? "on" : "off");
    }

    public String name() {
        return name;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    public String host() {
        return HOST;
    }

    public int port() {
        return postgres.getPort();
    }

    public String user() {
        return USER;
    }

    /** JDBC URL without credentials, e.g. for HikariCP with a separate user. */
    public String jdbcUrl() {
        return "jdbc:postgresql://" + HOST + ":" + port() + "/" + DATABASE;
    }

    /** JDBC URL that logs in as the superuser ({@code ?user=postgres}), for tests and tools. */
    public String jdbcUrlWithUser() {
        return jdbcUrl() + "?user=" + USER;
    }

    /** The postmaster's process id as written in {@code postmaster.pid} at start. */
    public long postmasterPid() {
        return postmasterPid;
    }

    public ClusterLayout.PostgresLayout layout() {
        return new ClusterLayout.PostgresLayout(name, dataDirectory, HOST, port());
    }

    /** Stops the server with a fast shutdown and waits until the postmaster has exited. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        postgres.close();
        if (postmasterPid > 0) {
            awaitExit(postmasterPid, name);
        }
    }

    /** The pid in {@code postmaster.pid}, if the file exists (the server runs or was killed). */
    static Optional<Long> readPostmasterPid(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.US_ASCII);
        try {
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * A launcher killed with SIGKILL leaves its detached postmasters running. The caller holds the
     * data directory's lock, so a live postmaster here is such a leftover: stop it (SIGTERM, a smart
     * shutdown) instead of failing with "lock file postmaster.pid already exists".
     */
    private static void stopLeftoverPostmaster(String name, Path dataDirectory, Consumer<String> progress)
            throws IOException {
        Optional<Long> pid = readPostmasterPid(dataDirectory);
        if (pid.isEmpty()) {
            return;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid.get())
                .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false));
        if (process.isEmpty()) {
            return; // stale file after a crash: PostgreSQL itself recovers from it
        }
        progress.accept("stopping " + name + " PostgreSQL left running by an earlier run (pid " + pid.get() + ")");
        process.get().destroy();
        awaitExit(pid.get(), name);
    }

    private static void awaitExit(long pid, String name) throws IOException {
        try {
            if (!ProcessLiveness.awaitExit(pid, STOP_WAIT)) {
                throw new IOException(name + " PostgreSQL (pid " + pid + ") did not stop within " + STOP_WAIT.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping " + name + " PostgreSQL", e);
        }
    }

    @Override
    public String toString() {
        return name + " PostgreSQL on " + HOST + ":" + port();
    }
}
