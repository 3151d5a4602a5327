package io.distgres.coordinator.launcher;

import static java.util.Objects.requireNonNull;

import io.distgres.coordinator.CoordinatorServer;
import io.distgres.coordinator.config.CoordinatorConfig;
import io.distgres.coordinator.config.EmbeddedClusterConfig;
import io.distgres.coordinator.config.WorkerEndpoint;
import io.distgres.coordinator.launcher.ClusterLayout.WorkerLayout;
import io.distgres.coordinator.worker.WorkerClient;
import io.distgres.proto.worker.v1.HealthResponse;
import io.distgres.worker.WorkerAgent;
import io.distgres.worker.WorkerAgentConfig;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A complete cluster on one machine: embedded PostgreSQL servers, a worker agent in front of each
 * worker server, and the coordinator. Both {@code distgres start} and the test extension run this.
 *
 * <p>{@link #start()} checks the coordinator's ports first, brings the layers up bottom to top and,
 * if any layer fails, stops what it started before rethrowing. {@link #close()} stops top to bottom.
 *
 * <p>{@link #onRunningServers} builds the upper layers (agents, coordinator) on PostgreSQL servers
 * that someone else started and stops, so the tests can reuse one set of servers for many clusters.
 */
public final class EmbeddedCluster implements AutoCloseable {
    private static final Duration HEALTH_DEADLINE = Duration.ofSeconds(30);
    private static final Duration HEALTH_CALL_TIMEOUT = Duration.ofSeconds(5);
    /** How often the watchdog looks for dead worker PostgreSQL servers. */
    private static final Duration WATCHDOG_INTERVAL = Duration.ofSeconds(1);
    private static final Duration STOP_WATCHDOG = Duration.ofSeconds(70);

    private final EmbeddedClusterConfig config;
    private final Consumer<String> progress;
    private final EmbeddedPostgresServers postgres;
    private final boolean ownsPostgres;
    private final List<WorkerAgent> agents = new ArrayList<>();
    private List<WorkerEndpoint> workerEndpoints = List.of();
    private CoordinatorConfig coordinatorConfig;
    private CoordinatorServer coordinator;
    private ScheduledExecutorService watchdog;
    private boolean started;
    private boolean closed;

    public EmbeddedCluster(EmbeddedClusterConfig config, Consumer<String> progress) {
        this(config, progress, new EmbeddedPostgresServers(config.dataDirectory(), config.workerCount(), config.fsync(),
                progress), true);
    }

    private EmbeddedCluster(EmbeddedClusterConfig config, Consumer<String> progress, EmbeddedPostgresServers postgres,
                            boolean ownsPostgres) {
        this.config = requireNonNull(config, "config is null");
        this.progress = requireNonNull(progress, "progress is null");
        this.postgres = requireNonNull(postgres, "postgres is null");
        this.ownsPostgres = ownsPostgres;
    }

    /**
     * A cluster whose agents and coordinator run on {@code servers}, which are started already and
     * stay running after {@link #close()}; the config's data directory, worker count and fsync are
     * the servers' business and must agree with them.
     */
    public static EmbeddedCluster onRunningServers(EmbeddedClusterConfig config, EmbeddedPostgresServers servers,
                                                   Consumer<String> progress) {
        if (config.workerCount() != servers.workers().size()) {
            throw new IllegalArgumentException("the config asks for " + config.workerCount() + " workers; the servers have "
                    + servers.workers().size());
        }
        return new EmbeddedCluster(config, progress, servers, false);
    }

    /** Starts every layer; returns once the coordinator accepts clients. */
    public synchronized void start() throws Exception {
        if (started) {
            throw new IllegalStateException("already started");
        }
        started = true;
        CoordinatorConfig requested = config.coordinator();
        // fail before the slow part (initdb, postmasters) when the front door cannot bind anyway
        requireFree(requested.listenHost(), requested.port(), "port");
        requireFree(requested.listenHost(), requested.adminPort(), "admin port");
        requireFree(requested.listenHost(), requested.metricsPort(), "metrics port");
        try {
            if (ownsPostgres) {
                long begin = System.nanoTime();
                postgres.start();
                progress.accept(String.format(Locale.ROOT, "PostgreSQL servers up in %.1f s", (System.nanoTime() - begin) / 1e9));
            }
            startAgents();
            checkWorkerHealth();
            startCoordinator(requested);
            writeLayout();
            startWatchdog();
        } catch (Exception e) {
            try {
                close();
            } catch (Exception closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    /** Restarts a worker PostgreSQL that died (kill -9, crash), as a service manager would. */
    private void startWatchdog() {
        watchdog = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "distgres-postgres-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        watchdog.scheduleWithFixedDelay(() -> {
            try {
                postgres.restartDeadWorkers();
            } catch (IOException | RuntimeException e) {
                progress.accept("restarting a worker PostgreSQL failed: " + e.getMessage());
            }
        }, WATCHDOG_INTERVAL.toMillis(), WATCHDOG_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void startAgents() throws Exception {
        List<WorkerEndpoint> endpoints = new ArrayList<>();
        for (EmbeddedPostgresServer server : postgres.workers()) {
            int previousPort = postgres.previousLayout().map(l -> l.agentPort(server.name())).orElse(0);
            int port = LoopbackPorts.preferFree(EmbeddedPostgresServer.HOST, previousPort);
            progress.accept("starting " + server.name() + " agent on " + EmbeddedPostgresServer.HOST + ":" + port);
            WorkerAgent agent = new WorkerAgent(new WorkerAgentConfig(EmbeddedPostgresServer.HOST, port,
                    server.jdbcUrl(), server.user(), "", config.workerPoolSize()));
            agents.add(agent);
            agent.start();
            endpoints.add(new WorkerEndpoint(server.name(), EmbeddedPostgresServer.HOST, agent.port(),
                    server.host(), server.port()));
        }
        workerEndpoints = List.copyOf(endpoints);
    }

    /** The startup self-check: every agent must answer Health and see its PostgreSQL serving. */
    private void checkWorkerHealth() throws Exception {
        for (WorkerEndpoint worker : workerEndpoints) {
            HealthResponse health = awaitHealthy(worker);
            progress.accept(worker.name() + " healthy: PostgreSQL " + health.getServerVersion() + " at "
                    + health.getPostgresHost() + ":" + health.getPostgresPort());
        }
    }

    private static HealthResponse awaitHealthy(WorkerEndpoint worker) throws Exception {
        long deadline = System.nanoTime() + HEALTH_DEADLINE.toNanos();
        try (WorkerClient client = new WorkerClient(worker.agentHost(), worker.agentPort())) {
            while (true) {
                String problem;
                try {
                    HealthResponse health = client.health(HEALTH_CALL_TIMEOUT);
                    if (health.getServing()) {
                        return health;
                    }
                    problem = "agent reports its PostgreSQL is not serving";
                } catch (UnsupportedOperationException e) {
                    throw e; // not built yet: retrying cannot help
                } catch (RuntimeException e) {
                    problem = e.getMessage();
                }
                if (System.nanoTime() > deadline) {
                    throw new IOException(worker.name() + " agent at " + worker.agentHost() + ":" + worker.agentPort()
                            + " failed its health check for " + HEALTH_DEADLINE.toSeconds() + " s: " + problem);
                }
                Thread.sleep(100); // back-off between attempts; the deadline above bounds the wait
            }
        }
    }

    private void startCoordinator(CoordinatorConfig requested) throws Exception {
        EmbeddedPostgresServer database = postgres.coordinator();
        coordinatorConfig = requested
                .withDatabase(database.jdbcUrl(), database.user(), "")
                .withWorkers(workerEndpoints);
        progress.accept("starting coordinator on " + requested.listenHost() + ":" + requested.port()
                + " (admin " + requested.adminPort() + ", metrics " + requested.metricsPort() + ")");
        coordinator = new CoordinatorServer(coordinatorConfig);
        coordinator.start();
    }

    private void writeLayout() throws IOException {
        EmbeddedPostgresServer database = postgres.coordinator();
        List<WorkerLayout> workers = new ArrayList<>();
        for (int i = 0; i < workerEndpoints.size(); i++) {
            WorkerEndpoint endpoint = workerEndpoints.get(i);
            workers.add(new WorkerLayout(postgres.workers().get(i).layout(), endpoint.agentHost(), endpoint.agentPort()));
        }
        new ClusterLayout(database.layout(), workers, coordinatorConfig.listenHost(), coordinator.port(),
                coordinatorConfig.adminPort(), coordinatorConfig.metricsPort()).write(postgres.dataDirectory());
    }

    private static void requireFree(String host, int port, String what) throws IOException {
        if (port != 0 && !LoopbackPorts.isFree(host, port)) {
            throw new IOException(what + " " + port + " on " + host + " is in use by another process");
        }
    }

    /** The embedded PostgreSQL servers (direct JDBC access for tests and tools). */
    public EmbeddedPostgresServers postgres() {
        return postgres;
    }

    /** Where the coordinator reaches each worker, as handed to the coordinator. */
    public List<WorkerEndpoint> workerEndpoints() {
        return workerEndpoints;
    }

    /** The coordinator's config as started (with the embedded database and workers filled in). */
    public CoordinatorConfig coordinatorConfig() {
        requireRunning();
        return coordinatorConfig;
    }

    /** The running coordinator (tests reach its transaction manager through it). */
    public CoordinatorServer coordinator() {
        requireRunning();
        return coordinator;
    }

    /** The port the coordinator's front door listens on. */
    public int port() {
        requireRunning();
        return coordinator.port();
    }

    /** Host clients should connect to: the listen address, or loopback when it listens on all addresses. */
    public String clientHost() {
        String host = config.coordinator().listenHost();
        return host.equals("0.0.0.0") || host.equals("::") ? EmbeddedPostgresServer.HOST : host;
    }

    /** libpq connection string of the coordinator, e.g. {@code postgresql://postgres@127.0.0.1:6432/postgres}. */
    public String connectionString() {
        return "postgresql://" + EmbeddedPostgresServer.USER + "@" + clientHost() + ":" + port() + "/"
                + EmbeddedPostgresServer.DATABASE;
    }

    /** pgjdbc URL of the coordinator, e.g. {@code jdbc:postgresql://127.0.0.1:6432/postgres?user=postgres}. */
    public String jdbcUrl() {
        return "jdbc:postgresql://" + clientHost() + ":" + port() + "/" + EmbeddedPostgresServer.DATABASE
                + "?user=" + EmbeddedPostgresServer.USER;
    }

    private void requireRunning() {
        if (coordinator == null || closed) {
            throw new IllegalStateException("the coordinator is not running");
        }
    }

    /** Stops the coordinator, then the agents, then every PostgreSQL server this cluster started. Idempotent. */
    @Override
    public synchronized void close() throws Exception {
        if (closed) {
            return;
        }
        closed = true;
        if (watchdog != null) {
            watchdog.shutdownNow();
            watchdog.awaitTermination(STOP_WATCHDOG.toSeconds(), TimeUnit.SECONDS);
        }
        Exception failure = null;
        if (coordinator != null) {
            progress.accept("stopping coordinator");
            failure = closeInto(coordinator, failure);
        }
        for (int i = agents.size() - 1; i >= 0; i--) {
            progress.accept("stopping " + EmbeddedPostgresServers.workerName(i + 1) + " agent");
            failure = closeInto(agents.get(i), failure);
        }
        if (ownsPostgres) {
            failure = closeInto(postgres, failure);
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static Exception closeInto(AutoCloseable closeable, Exception failure) {
        try {
            closeable.close();
            return failure;
        } catch (Exception e) {
            if (failure == null) {
                return e;
            }
            failure.addSuppressed(e);
            return failure;
        }
    }
}
