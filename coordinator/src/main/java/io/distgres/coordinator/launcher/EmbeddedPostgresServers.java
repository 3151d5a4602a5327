package io.distgres.coordinator.launcher;

import static java.util.Objects.requireNonNull;

import io.distgres.coordinator.launcher.ClusterLayout.WorkerLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * The embedded PostgreSQL servers of one cluster: the coordinator's database and one per worker,
 * under one data directory ({@code coordinator/}, {@code worker-1/}, …), started in parallel.
 *
 * <p>Usable on its own (tests of the PostgreSQL layer) or as the bottom layer of {@link EmbeddedCluster}.
 * It records the servers in {@link ClusterLayout#FILE_NAME} and prefers the ports recorded there.
 *
 * <p>Given an {@link InitdbTemplate} (the tests do), a new worker's data directory is a copy of it;
 * the coordinator's server always runs its own initdb, because its system identifier names the
 * coordinator in global transaction ids and must differ between clusters. {@code distgres start}
 * runs initdb for every server: a template shared through a temporary directory is not something
 * a product should trust.
 */
public final class EmbeddedPostgresServers implements AutoCloseable {
    public static final String COORDINATOR = "coordinator";
    private static final String LOCK_FILE = "distgres.lock";

    private final Path dataDirectory;
    private final int workerCount;
    private final boolean fsync;
    private final Consumer<String> progress;
    private final Optional<InitdbTemplate> template;
    private Optional<ClusterLayout> previousLayout = Optional.empty();
    private EmbeddedPostgresServer coordinator;
    private final List<EmbeddedPostgresServer> workers = new ArrayList<>();
    private FileChannel lockChannel;
    private FileLock lock;

    public EmbeddedPostgresServers(Path dataDirectory, int workerCount, boolean fsync, Consumer<String> progress) {
        this(dataDirectory, workerCount, fsync, progress, Optional.empty());
    }

    /** Servers whose fresh worker data directories are copied from {@code template} instead of running initdb. */
    public EmbeddedPostgresServers(Path dataDirectory, int workerCount, boolean fsync, Consumer<String> progress,
                                   Optional<InitdbTemplate> template) {
        this.template = requireNonNull(template, "template is null");
        this.dataDirectory = requireNonNull(dataDirectory, "dataDirectory is null").toAbsolutePath().normalize();
        if (workerCount < 1) {
            throw new IllegalArgumentException("workerCount must be at least 1");
        }
        this.workerCount = workerCount;
        this.fsync = fsync;
        this.progress = requireNonNull(progress, "progress is null");
    }

    /** The name of worker {@code index} (1-based), also its data subdirectory. */
    public static String workerName(int index) {
        return "worker-" + index;
    }

    /** Starts every server; on failure stops those that did start and rethrows. */
    public synchronized void start() throws IOException {
        if (coordinator != null) {
            throw new IllegalStateException("already started");
        }
        Files.createDirectories(dataDirectory);
        lockDataDirectory();
        try {
            previousLayout = ClusterLayout.read(dataDirectory);
            int previousWorkers = previousLayout.map(l -> l.workers().size()).orElse(0);
            if (workerCount < previousWorkers) {
                // the missing workers may hold shards: starting without them would lose rows silently
                throw new IOException(dataDirectory + " holds " + previousWorkers + " workers; start it with --workers "
                        + previousWorkers + " or more");
            }
            startAll();
            ClusterLayout layout = new ClusterLayout(coordinator.layout(),
                    workers.stream().map(w -> new WorkerLayout(w.layout(), EmbeddedPostgresServer.HOST, 0)).toList(),
                    EmbeddedPostgresServer.HOST, 0, 0, 0);
            layout.write(dataDirectory);
        } catch (IOException | RuntimeException e) {
            closeQuietly(e);
            throw e;
        }
    }

    private void startAll() throws IOException {
        List<String> names = new ArrayList<>();
        names.add(COORDINATOR);
        for (int i = 1; i <= workerCount; i++) {
            names.add(workerName(i));
        }
        ExecutorService executor = Executors.newFixedThreadPool(names.size());
        try {
            List<Future<EmbeddedPostgresServer>> futures = new ArrayList<>();
            for (String name : names) {
                int preferredPort = previousLayout.map(l -> l.postgresPort(name)).orElse(0);
                futures.add(executor.submit(() -> {
                    Path serverDirectory = dataDirectory.resolve(name);
                    if (!name.equals(COORDINATOR)) {
                        template.ifPresent(t -> t.copyInto(serverDirectory, fsync, progress));
                    }
                    return EmbeddedPostgresServer.start(name, serverDirectory, preferredPort, fsync,
                            dataDirectory.resolve("log").resolve(name + ".log"), progress);
                }));
            }
            // collect every result before judging, so servers that did start are known and can be stopped
            List<EmbeddedPostgresServer> started = new ArrayList<>();
            IOException failure = null;
            for (int i = 0; i < futures.size(); i++) {
                try {
                    started.add(futures.get(i).get());
                } catch (ExecutionException e) {
                    IOException error = new IOException("cannot start " + names.get(i) + " PostgreSQL: "
                            + e.getCause().getMessage(), e.getCause());
                    if (failure == null) {
                        failure = error;
                    } else {
                        failure.addSuppressed(error);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while starting PostgreSQL", e);
                }
            }
            if (!started.isEmpty() && started.get(0).name().equals(COORDINATOR)) {
                coordinator = started.remove(0);
            }
            workers.addAll(started);
            if (failure != null) {
                throw failure;
            }
        } finally {
            executor.shutdown();
        }
    }

    private void lockDataDirectory() throws IOException {
        lockChannel = FileChannel.open(dataDirectory.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            lock = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // held by this very JVM (another cluster object), which is just as busy
        }
        if (lock == null) {
            lockChannel.close();
            lockChannel = null;
            throw new IOException("data directory " + dataDirectory + " is in use by another distgres process");
        }
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** The layout recorded by the previous start in this data directory, if any (read by {@link #start()}). */
    public Optional<ClusterLayout> previousLayout() {
        return previousLayout;
    }

    public EmbeddedPostgresServer coordinator() {
        if (coordinator == null) {
            throw new IllegalStateException("not started");
        }
        return coordinator;
    }

    public List<EmbeddedPostgresServer> workers() {
        return List.copyOf(workers);
    }

    /**
     * Restarts, on their old ports, the worker servers whose postmaster died; returns their names.
     * The worker agents' pools reconnect by themselves, and prepared transactions survive.
     */
    public synchronized List<String> restartDeadWorkers() throws IOException {
        List<String> restarted = new ArrayList<>();
        for (int i = 0; i < workers.size(); i++) {
            EmbeddedPostgresServer server = workers.get(i);
            if (server.isAlive()) {
                continue;
            }
            progress.accept(server.name() + " PostgreSQL (pid " + server.postmasterPid() + ") died; restarting it on port "
                    + server.port());
            workers.set(i, EmbeddedPostgresServer.restart(server, fsync,
                    dataDirectory.resolve("log").resolve(server.name() + ".log"), progress));
            progress.accept(server.name() + " PostgreSQL restarted");
            restarted.add(server.name());
        }
        return restarted;
    }

    /** Stops every server, in parallel (each waits for its shutdown checkpoint), and releases the data directory. */
    @Override
    public synchronized void close() throws IOException {
        List<EmbeddedPostgresServer> all = new ArrayList<>(workers);
        if (coordinator != null) {
            all.add(coordinator);
        }
        List<CompletableFuture<Void>> stops = new ArrayList<>();
        for (EmbeddedPostgresServer server : all) {
            progress.accept("stopping " + server.name() + " PostgreSQL");
            stops.add(CompletableFuture.runAsync(() -> {
                try {
                    server.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, runnable -> new Thread(runnable, "stop-" + server.name()).start()));
        }
        IOException failure = null;
        for (CompletableFuture<Void> stop : stops) {
            try {
                stop.join();
            } catch (CompletionException e) {
                IOException error = e.getCause() instanceof UncheckedIOException u ? u.getCause()
                        : new IOException(e.getCause().getMessage(), e.getCause());
                if (failure == null) {
                    failure = error;
                } else {
                    failure.addSuppressed(error);
                }
            }
        }
        // a second close (e.g. the cluster's after a failed start) has nothing left to stop
        workers.clear();
        coordinator = null;
        releaseLock();
        if (failure != null) {
            throw failure;
        }
    }

    private void closeQuietly(Exception cause) {
        try {
            close();
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }

    private void releaseLock() throws IOException {
        if (lock != null) {
            lock.release();
            lock = null;
        }
        if (lockChannel != null) {
            lockChannel.close();
            lockChannel = null;
        }
    }
}
