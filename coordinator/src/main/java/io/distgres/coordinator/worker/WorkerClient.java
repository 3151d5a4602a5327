package io.distgres.coordinator.worker;

import static java.util.Objects.requireNonNull;

import io.distgres.coordinator.backend.SessionIdentity;
import io.distgres.proto.worker.v1.CancelTransactionRequest;
import io.distgres.proto.worker.v1.Cell;
import io.distgres.proto.worker.v1.Column;
import io.distgres.proto.worker.v1.Completion;
import io.distgres.proto.worker.v1.CopyInRequest;
import io.distgres.proto.worker.v1.CopyInResponse;
import io.distgres.proto.worker.v1.EndTransactionRequest;
import io.distgres.proto.worker.v1.ExecuteRequest;
import io.distgres.proto.worker.v1.HealthRequest;
import io.distgres.proto.worker.v1.HealthResponse;
import io.distgres.proto.worker.v1.LockWait;
import io.distgres.proto.worker.v1.LockWaitsRequest;
import io.distgres.proto.worker.v1.PgError;
import io.distgres.proto.worker.v1.PgErrorTrailers;
import io.distgres.proto.worker.v1.Row;
import io.distgres.proto.worker.v1.RowBatch;
import io.distgres.proto.worker.v1.ScriptRequest;
import io.distgres.proto.worker.v1.WorkerServiceGrpc;
import io.distgres.sqlstate.SqlState;
import io.grpc.ClientInterceptor;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The coordinator's gRPC client for one worker agent: one shared plaintext channel, health
 * checks, and tasks streamed to a {@link TaskListener} or collected into a {@link TaskResult}.
 * Tasks share a few long-lived Tasks calls ({@link TaskStreams}) instead of a call each.
 *
 * <p>Thread-safe; create one per agent and share it.
 */
public final class WorkerClient implements AutoCloseable {
    /** Largest message accepted; the agent caps a batch near 1 MiB, but a single cell may be larger. */
    private static final int MAX_INBOUND_BYTES = 256 << 20;
    private static final Logger log = LoggerFactory.getLogger(WorkerClient.class);
    /**
     * Tasks calls per agent that tasks take in turn: more than one, so a call's HTTP/2 flow
     * control window is shared by fewer tasks; few, since each is one more stream to keep open.
     */
    static final int TASK_STREAMS = 4;

    private final String target;
    private final ManagedChannel channel;
    private final WorkerServiceGrpc.WorkerServiceStub asyncStub;
    private final WorkerServiceGrpc.WorkerServiceBlockingStub blockingStub;
    /** Runs the callbacks of listeners that may block (not flow-controlled), one task at a time each. */
    private final ExecutorService deliveryExecutor;
    private final ScheduledExecutorService taskTimeouts;
    private final TaskStreams taskStreams;

    public WorkerClient(String host, int port) {
        this(host, port, List.of());
    }

    /** A client whose calls pass through {@code interceptors} (tests count the calls a workload opens). */
    WorkerClient(String host, int port, List<ClientInterceptor> interceptors) {
        requireNonNull(host, "host is null");
        this.target = host + ":" + port;
        this.channel = NettyChannelBuilder.forAddress(host, port)
                .usePlaintext()
                .maxInboundMessageSize(MAX_INBOUND_BYTES)
                // tasks are not idempotent, and gRPC's retry buffering (RetriableStream) was the
                // largest cost of starting a call on the coordinator's routed-query path
                .disableRetry()
                .intercept(interceptors)
                .build();
        this.asyncStub = WorkerServiceGrpc.newStub(channel);
        this.blockingStub = WorkerServiceGrpc.newBlockingStub(channel);
        this.deliveryExecutor = Executors.newCachedThreadPool(daemonThreads("distgres-task-delivery-" + target));
        ScheduledThreadPoolExecutor timeouts = new ScheduledThreadPoolExecutor(1,
                daemonThreads("distgres-task-timeout-" + target));
        // nearly every task ends before its timeout: do not keep the cancelled timers queued
        timeouts.setRemoveOnCancelPolicy(true);
        this.taskTimeouts = timeouts;
        this.taskStreams = new TaskStreams(asyncStub, TASK_STREAMS, deliveryExecutor, taskTimeouts);
    }

    /**
     * Asks the agent whether it and its PostgreSQL server are serving. An agent that does not
     * answer within {@code timeout} is reported as not serving rather than thrown, so health
     * loops need no exception handling.
     */
    public HealthResponse health(Duration timeout) {
        try {
            return blockingStub.withDeadlineAfter(timeout.toNanos(), TimeUnit.NANOSECONDS)
                    .health(HealthRequest.getDefaultInstance());
        } catch (StatusRuntimeException e) {
            log.debug("health of worker agent {} failed: {}", target, e.getStatus());
            return HealthResponse.newBuilder().setServing(false).build();
        }
    }

    /**
     * Starts a task; results arrive on {@code listener}. Returns at once with a handle whose
     * {@link TaskCall#cancel()} cancels the statement on the worker.
     */
    public TaskCall execute(TaskRequest request, TaskListener listener) {
        return execute(request, "", listener);
    }

    /**
     * Starts a task inside the transaction handle {@code transactionId} (empty: autocommit): the
     * worker runs it on that transaction's pinned connection and does not commit.
     */
    public TaskCall execute(TaskRequest request, String transactionId, TaskListener listener) {
        requireNonNull(request, "request is null");
        requireNonNull(listener, "listener is null");
        TaskStatement statement = TaskStatement.of(request.sql());
        ExecuteRequest.Builder message = ExecuteRequest.newBuilder()
                .setSql(request.sql())
                .setParameterCount(statement.parameterCount())
                .setStatementKind(statement.kind())
                .setBatchSize(request.batchSize())
                .setTransactionId(transactionId)
                .setFetchAll(request.fetchAll())
                .putAllSettings(request.settings());
        if (request.identity() != null) {
            message.setIdentity(request.identity().toProto());
        }
        for (String parameter : request.parameters()) {
            message.addParameters(parameter == null
                    ? Cell.newBuilder().setIsNull(true).build()
                    : Cell.newBuilder().setText(com.google.protobuf.ByteString.copyFromUtf8(parameter)).build());
        }
        return taskStreams.start(message.build(), listener, request.timeout());
    }

    /** Runs a task and waits for its whole result; for small results only. */
    public TaskResult executeAndCollect(String sql, List<String> parameters, Duration timeout) {
        return executeAndCollect(sql, parameters, "", timeout);
    }

    /** Runs a task inside transaction handle {@code transactionId} and waits for its whole result. */
    public TaskResult executeAndCollect(String sql, List<String> parameters, String transactionId, Duration timeout) {
        return executeAndCollect(sql, parameters, transactionId, timeout, null);
    }

    /**
     * Runs a task as {@code identity} (null: the agent's own user) inside transaction handle
     * {@code transactionId} (empty: autocommit) and waits for its whole result.
     */
    public TaskResult executeAndCollect(String sql, List<String> parameters, String transactionId, Duration timeout,
                                        SessionIdentity identity) {
        CompletableFuture<TaskResult> result = new CompletableFuture<>();
        execute(new TaskRequest(sql, parameters, 0, timeout).withIdentity(identity), transactionId,
                new Collector(result));
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WorkerTaskException(PgError.of(SqlState.QUERY_CANCELED, "interrupted while waiting for worker"),
                    Status.Code.CANCELLED, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WorkerTaskException taskError) {
                throw new WorkerTaskException(taskError.error(), taskError.grpcCode(), taskError);
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Runs {@code statements} as the agent's own user in one transaction on the worker: all of them or none. */
    public List<String> executeScript(List<String> statements, Duration timeout) {
        return executeScript(statements, timeout, null);
    }

    /** Runs {@code statements} as {@code identity} (null: the agent's own user) in one transaction: all or none. */
    public List<String> executeScript(List<String> statements, Duration timeout, SessionIdentity identity) {
        ScriptRequest.Builder request = ScriptRequest.newBuilder().addAllStatements(statements);
        if (identity != null) {
            request.setIdentity(identity.toProto());
        }
        try {
            return blockingStub.withDeadlineAfter(timeout.toNanos(), TimeUnit.NANOSECONDS)
                    .executeScript(request.build())
                    .getCommandTagsList();
        } catch (StatusRuntimeException e) {
            throw WorkerTaskException.fromGrpc(e);
        }
    }

    /**
     * Opens a COPY FROM STDIN stream on the worker. Data written to the returned stream is
     * committed by {@link CopyInStream#finish()} and discarded by {@link CopyInStream#abort};
     * {@link CopyInStream#startCopy} switches to another COPY inside the same worker transaction.
     */
    public CopyInStream copyIn(String copyStatement) {
        return copyIn(copyStatement, "", null);
    }

    /**
     * Opens a COPY FROM STDIN stream inside the transaction handle {@code transactionId} (empty:
     * a transaction of its own), as {@code identity} (null: the agent's own user):
     * {@link CopyInStream#finish()} then leaves the rows in that transaction instead of committing them.
     */
    public CopyInStream copyIn(String copyStatement, String transactionId, SessionIdentity identity) {
        CompletableFuture<Long> rows = new CompletableFuture<>();
        CompletableFuture<Long> ended = new CompletableFuture<>();
        AtomicInteger failedStatement = new AtomicInteger();
        StreamObserver<CopyInRequest> requests = asyncStub.copyIn(new StreamObserver<>() {
            @Override
            public void onNext(CopyInResponse response) {
                if (response.getEnded()) {
                    ended.complete(response.getRows());
                } else {
                    rows.complete(response.getRows());
                }
            }

            @Override
            public void onError(Throwable t) {
                Metadata trailers = Status.trailersFromThrowable(t);
                String index = trailers == null ? null : trailers.get(PgErrorTrailers.COPY_STATEMENT);
                if (index != null) {
                    failedStatement.set(Integer.parseInt(index));
                }
                WorkerTaskException error = WorkerTaskException.fromGrpc(t);
                ended.completeExceptionally(error);
                rows.completeExceptionally(error);
            }

            @Override
            public void onCompleted() {
                rows.complete(0L);
                ended.complete(0L);
            }
        });
        CopyInStream stream = new CopyInStream(requests, rows, ended, failedStatement);
        stream.startCopy(copyStatement, transactionId, identity);
        return stream;
    }

    /**
     * Ends a transaction handle or settles a prepared transaction (see EndTransaction in
     * worker.proto); returns false when a prepared transaction to settle did not exist.
     */
    public boolean endTransaction(String transactionId, EndTransactionRequest.Action action, String gid,
                                  Duration timeout) {
        try {
            return blockingStub.withDeadlineAfter(timeout.toNanos(), TimeUnit.NANOSECONDS)
                    .endTransaction(EndTransactionRequest.newBuilder().setTransactionId(transactionId)
                            .setAction(action).setGid(gid).build())
                    .getFound();
        } catch (StatusRuntimeException e) {
            throw WorkerTaskException.fromGrpc(e);
        }
    }

    /** The lock waits between transaction handles on the worker (waiter, holder). */
    public List<LockWait> lockWaits(Duration timeout) {
        try {
            return blockingStub.withDeadlineAfter(timeout.toNanos(), TimeUnit.NANOSECONDS)
                    .lockWaits(LockWaitsRequest.getDefaultInstance()).getWaitsList();
        } catch (StatusRuntimeException e) {
            throw WorkerTaskException.fromGrpc(e);
        }
    }

    /** Cancels what transaction handle {@code transactionId} runs, to end a distributed deadlock (its task fails with 40P01). */
    public boolean cancelTransaction(String transactionId, Duration timeout) {
        try {
            return blockingStub.withDeadlineAfter(timeout.toNanos(), TimeUnit.NANOSECONDS)
                    .cancelTransaction(CancelTransactionRequest.newBuilder().setTransactionId(transactionId).build())
                    .getFound();
        } catch (StatusRuntimeException e) {
            throw WorkerTaskException.fromGrpc(e);
        }
    }

    /** host:port of the agent, for messages. */
    public String target() {
        return target;
    }

    /** Closes the channel, cancelling calls still running after a short grace period. */
    @Override
    public void close() {
        taskStreams.close();
        channel.shutdown();
        try {
            if (!channel.awaitTermination(5, TimeUnit.SECONDS)) {
                channel.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            channel.shutdownNow();
        }
        taskTimeouts.shutdownNow();
        deliveryExecutor.shutdown();
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** A running task. */
    public interface TaskCall {
        /** Cancels the task; the worker cancels its statement and the listener gets 57014. */
        void cancel();

        /** Asks for {@code messages} more messages; only a {@link FlowControlledTaskListener} needs to. */
        default void request(int messages) {
        }
    }

    /** Collects a whole result in memory. */
    private static final class Collector implements TaskListener {
        private final CompletableFuture<TaskResult> result;
        private List<Column> columns = List.of();
        private final List<List<String>> rows = new ArrayList<>();

        Collector(CompletableFuture<TaskResult> result) {
            this.result = result;
        }

        @Override
        public void onColumns(List<Column> columns) {
            this.columns = columns;
        }

        @Override
        public void onRows(RowBatch batch) {
            for (Row row : batch.getRowsList()) {
                List<String> cells = new ArrayList<>(row.getCellsCount());
                for (Cell cell : row.getCellsList()) {
                    cells.add(cell.getIsNull() ? null : cell.getText().toString(StandardCharsets.UTF_8));
                }
                rows.add(java.util.Collections.unmodifiableList(cells));
            }
        }

        @Override
        public void onComplete(Completion completion) {
            result.complete(new TaskResult(columns, rows, completion.getCommandTag(), completion.getRowsAffected()));
        }

        @Override
        public void onError(WorkerTaskException error) {
            result.completeExceptionally(error);
        }
    }
}
