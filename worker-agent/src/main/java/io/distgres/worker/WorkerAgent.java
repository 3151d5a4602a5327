package io.distgres.worker;

import static java.util.Objects.requireNonNull;

import io.grpc.Server;
import io.distgres.proto.worker.v1.WorkerServiceGrpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallExecutorSupplier;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A worker agent: the gRPC WorkerService in front of one pooled PostgreSQL primary. */
public final class WorkerAgent implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WorkerAgent.class);

    /**
     * How long a coordinator transaction may leave its pinned connection unused before the agent
     * rolls it back: longer than any client think time worth keeping locks for, short enough that
     * a vanished coordinator does not hold connections and locks for long.
     */
    static final java.time.Duration TRANSACTION_LEASE = java.time.Duration.ofMinutes(5);

    private final WorkerAgentConfig config;
    private PostgresPool pool;
    private TransactionHandles transactions;
    private java.util.concurrent.ScheduledExecutorService leaseExpiry;
    private ExecutorService taskExecutor;
    private ExecutorService healthExecutor;
    private Server server;
    private WorkerService service;
    private int boundPort;
    private boolean closed;

    public WorkerAgent(WorkerAgentConfig config) {
        this.config = requireNonNull(config, "config is null");
    }

    /** Starts the pool and the gRPC server; returns when it accepts calls. */
    public synchronized void start() throws IOException {
        if (server != null) {
            throw new IllegalStateException("worker agent already started");
        }
        pool = new PostgresPool(config);
        // tasks beyond the pool size wait in the pool (bounded by poolTimeout), not in a queue here
        taskExecutor = Executors.newCachedThreadPool(daemonThreads("distgres-task"));
        healthExecutor = Executors.newCachedThreadPool(daemonThreads("distgres-health"));
        RolesOnConnection roles = new RolesOnConnection(config.user());
        transactions = new TransactionHandles(pool, roles, TRANSACTION_LEASE);
        long expiryCheck = TransactionHandles.expiryCheckMillis(TRANSACTION_LEASE);
        leaseExpiry = Executors.newSingleThreadScheduledExecutor(daemonThreads("distgres-transaction-lease"));
        leaseExpiry.scheduleWithFixedDelay(this::expireIdleTransactions, expiryCheck, expiryCheck, TimeUnit.MILLISECONDS);
        service = new WorkerService(new TaskRunner(pool, transactions, roles),
                new HealthChecker(pool, healthExecutor, config.healthTimeout()), taskExecutor,
                new ScriptRunner(pool, roles), pool, transactions, roles);
        try {
            server = NettyServerBuilder.forAddress(new InetSocketAddress(config.listenHost(), config.port()))
                    .addService(service)
                    // a Tasks stream's handlers only hand a task to a task thread or signal one: they run
                    // on the transport thread, saving a thread hop per message; other calls keep gRPC's executor
                    .callExecutor(new ServerCallExecutorSupplier() {
                        @Override
                        public <ReqT, RespT> Executor getExecutor(ServerCall<ReqT, RespT> call, Metadata headers) {
                            return call.getMethodDescriptor() == WorkerServiceGrpc.getTasksMethod()
                                    ? Runnable::run : null;
                        }
                    })
                    .build()
                    .start();
        } catch (IOException | RuntimeException e) {
            closeResources();
            server = null;
            throw e;
        }
        boundPort = server.getPort();
        log.info("worker agent listening on {}:{} for {}", config.listenHost(), boundPort, config.jdbcUrl());
    }

    /** The gRPC port actually bound (the configured one until started). */
    public synchronized int port() {
        return server == null ? config.port() : boundPort;
    }

    /** Stops accepting calls, gives running tasks a moment to finish, then closes the pool. */
    @Override
    public synchronized void close() {
        if (server == null || closed) {
            return;
        }
        closed = true;
        server.shutdown();
        service.shutdownTaskStreams();
        try {
            if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
                server.shutdownNow();
                server.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.shutdownNow();
        }
        closeResources();
        log.info("worker agent on port {} stopped", boundPort);
    }

    private void closeResources() {
        if (taskExecutor != null) {
            taskExecutor.shutdownNow();
        }
        if (healthExecutor != null) {
            healthExecutor.shutdownNow();
        }
        if (leaseExpiry != null) {
            leaseExpiry.shutdownNow();
        }
        if (transactions != null) {
            transactions.close();
        }
        if (pool != null) {
            pool.close();
        }
    }

    private void expireIdleTransactions() {
        try {
            transactions.expireIdle();
        } catch (RuntimeException e) {
            log.warn("expiring idle transactions failed", e);
        }
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
