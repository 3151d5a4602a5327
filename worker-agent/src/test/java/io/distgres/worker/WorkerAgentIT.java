package io.distgres.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.distgres.proto.worker.v1.Cell;
import io.distgres.proto.worker.v1.ExecuteRequest;
import io.distgres.proto.worker.v1.ExecuteResponse;
import io.distgres.proto.worker.v1.HealthRequest;
import io.distgres.proto.worker.v1.TaskFrame;
import io.distgres.proto.worker.v1.TaskStatementKind;
import io.distgres.proto.worker.v1.WorkerServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The agent seen through raw Tasks calls of the generated gRPC stub, against an embedded PostgreSQL 17. */
class WorkerAgentIT {
    private static EmbeddedPostgres postgres;
    private static WorkerAgent agent;
    private static ManagedChannel channel;
    private static WorkerServiceGrpc.WorkerServiceBlockingStub stub;
    private static TaskStreamClient tasks;

    @BeforeAll
    static void start() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
        agent = new WorkerAgent(new WorkerAgentConfig("127.0.0.1", 0, postgres.getJdbcUrl("postgres", "postgres"),
                "postgres", "", 2));
        agent.start();
        channel = NettyChannelBuilder.forAddress("127.0.0.1", agent.port()).usePlaintext().build();
        stub = WorkerServiceGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS);
        tasks = TaskStreamClient.open(channel);
    }

    @AfterAll
    static void stop() throws IOException {
        channel.shutdownNow();
        agent.close();
        postgres.close();
    }

    @Test
    void streamsColumnsBatchesAndCompletion() throws Exception {
        List<TaskFrame> frames = tasks.run(ExecuteRequest.newBuilder()
                .setSql("SELECT g FROM generate_series(1, 2500) g").setBatchSize(1000).build());

        assertThat(frames).extracting(frame -> frame.getResponse().getPayloadCase()).containsExactly(
                ExecuteResponse.PayloadCase.COLUMNS, ExecuteResponse.PayloadCase.ROWS,
                ExecuteResponse.PayloadCase.ROWS, ExecuteResponse.PayloadCase.ROWS,
                ExecuteResponse.PayloadCase.COMPLETION);
        assertThat(frames.get(3).getResponse().getRows().getRowsCount()).isEqualTo(500);
        assertThat(frames.get(4).getResponse().getCompletion().getCommandTag()).isEqualTo("SELECT 2500");
    }

    @Test
    void anErrorFrameCarriesThePostgresError() throws Exception {
        List<TaskFrame> frames = tasks.run(ExecuteRequest.newBuilder().setSql("SELECT $1::int / 0")
                .setParameterCount(1).addParameters(text("1")).build());

        assertThat(frames).last().satisfies(frame -> {
            assertThat(frame.getError().getSqlState()).isEqualTo("22012");
            assertThat(frame.getError().getMessage()).isEqualTo("division by zero");
        });
    }

    @Test
    void theAgentBindsTheParameterCountTheTaskStatesWithoutReadingTheSql() throws Exception {
        // the SQL uses $1, but the task says it has none: the agent trusts the task, as PostgreSQL refuses
        // a Bind whose parameter count differs from the statement's
        List<TaskFrame> refused = tasks.run(ExecuteRequest.newBuilder().setSql("SELECT $1::int")
                .addParameters(text("1")).build());
        assertThat(refused).last().satisfies(frame -> assertThat(frame.getError().getSqlState()).isEqualTo("42P18"));

        List<TaskFrame> frames = tasks.run(ExecuteRequest.newBuilder().setSql("SELECT '$2', $1::int + 1")
                .setParameterCount(1).addParameters(text("41")).build());
        assertThat(frames).filteredOn(frame -> frame.getResponse().hasRows()).singleElement().satisfies(frame ->
                assertThat(frame.getResponse().getRows().getRows(0).getCells(1).getText().toStringUtf8()).isEqualTo("42"));
    }

    @Test
    void aTaskMarkedForNoTransactionBlockRunsInAutocommit() throws Exception {
        List<TaskFrame> frames = tasks.run(ExecuteRequest.newBuilder().setSql("VACUUM pg_catalog.pg_class")
                .setStatementKind(TaskStatementKind.TASK_STATEMENT_KIND_NO_TRANSACTION_BLOCK).build());
        assertThat(frames).last().satisfies(frame ->
                assertThat(frame.getResponse().getCompletion().getCommandTag()).isEqualTo("VACUUM"));
    }

    @Test
    void aTaskOutOfCreditWaitsWithoutHoldingUpTheOtherTasksOfItsStream() throws Exception {
        long stalled = tasks.start(ExecuteRequest.newBuilder()
                .setSql("SELECT g FROM generate_series(1, 5000) g").setBatchSize(100).build(), 2);
        assertThat(tasks.next(stalled).getResponse().hasColumns()).isTrue();
        assertThat(tasks.next(stalled).getResponse().getRows().getRowsCount()).isEqualTo(100);

        // the stalled task sends nothing more, and tasks behind it on the same stream still run
        for (int i = 0; i < 5; i++) {
            List<TaskFrame> frames = tasks.run(ExecuteRequest.newBuilder().setSql("SELECT " + i).build());
            assertThat(frames).last().satisfies(frame ->
                    assertThat(frame.getResponse().getCompletion().getCommandTag()).isEqualTo("SELECT 1"));
        }
        assertThat(tasks.poll(stalled, 200)).isNull();

        tasks.credit(stalled, 1000);
        List<TaskFrame> rest = tasks.untilEnd(stalled);
        assertThat(rest).last().satisfies(frame ->
                assertThat(frame.getResponse().getCompletion().getCommandTag()).isEqualTo("SELECT 5000"));
        assertThat(rest).filteredOn(frame -> frame.getResponse().hasRows()).hasSize(49);
    }

    @Test
    void cancellingOneTaskStopsItsStatementAndFreesTheConnection() throws Exception {
        long cancelled = tasks.start(ExecuteRequest.newBuilder()
                .setSql("SELECT g, pg_sleep(0.001) FROM generate_series(1, 1000000) g").setBatchSize(10).build(), 2);
        assertThat(tasks.next(cancelled).getResponse().hasColumns()).isTrue();
        assertThat(tasks.next(cancelled).getResponse().getRows().getRowsCount()).isEqualTo(10);

        tasks.cancel(cancelled);

        pollUntil(Duration.ofSeconds(10), () -> stub.health(HealthRequest.getDefaultInstance()).getPoolActive() == 0);
        pollUntil(Duration.ofSeconds(10), () -> runningSleepers(tasks) == 0);
        assertThat(tasks.poll(cancelled, 100)).as("a cancelled task sends nothing more").isNull();
    }

    @Test
    void aBrokenStreamCancelsTheStatementsOfAllItsTasks() throws Exception {
        TaskStreamClient doomed = TaskStreamClient.open(channel);
        long first = doomed.start(ExecuteRequest.newBuilder()
                .setSql("SELECT g, pg_sleep(0.001) FROM generate_series(1, 1000000) g").setBatchSize(10).build(), 1);
        long second = doomed.start(ExecuteRequest.newBuilder()
                .setSql("SELECT g, pg_sleep(0.001) FROM generate_series(1, 1000000) g").setBatchSize(10).build(), 1);
        assertThat(doomed.next(first).getResponse().hasColumns()).isTrue();
        assertThat(doomed.next(second).getResponse().hasColumns()).isTrue();

        doomed.cancelCall();

        pollUntil(Duration.ofSeconds(10), () -> stub.health(HealthRequest.getDefaultInstance()).getPoolActive() == 0);
        pollUntil(Duration.ofSeconds(10), () -> runningSleepers(tasks) == 0);
    }

    @Test
    void aHalfClosedStreamEndsOnceItsTasksAreDone() throws Exception {
        TaskStreamClient closing = TaskStreamClient.open(channel);
        long task = closing.start(ExecuteRequest.newBuilder().setSql("SELECT pg_sleep(0.2)").build(), 10);
        closing.halfClose();

        assertThat(closing.untilEnd(task)).last().satisfies(frame ->
                assertThat(frame.getResponse().getCompletion().getCommandTag()).isEqualTo("SELECT 1"));
        assertThat(closing.ended.poll(10, TimeUnit.SECONDS)).isEqualTo("completed");
    }

    private static long runningSleepers(TaskStreamClient client) {
        try {
            return client.run(ExecuteRequest.newBuilder()
                            .setSql("SELECT 1 FROM pg_stat_activity WHERE state = 'active' AND query LIKE '%pg_sleep(0.001)%'"
                                    + " AND pid <> pg_backend_pid()").build()).stream()
                    .filter(frame -> frame.getResponse().hasRows())
                    .mapToLong(frame -> frame.getResponse().getRows().getRowsCount()).sum();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static Cell text(String value) {
        return Cell.newBuilder().setText(com.google.protobuf.ByteString.copyFromUtf8(value)).build();
    }

    private static void pollUntil(Duration limit, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met within %s", limit).isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
