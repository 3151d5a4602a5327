package io.distgres.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.distgres.proto.worker.v1.Cell;
import io.distgres.proto.worker.v1.ExecuteRequest;
import io.distgres.proto.worker.v1.ExecuteResponse;
import io.distgres.proto.worker.v1.HealthRequest;
import io.distgres.proto.worker.v1.PgError;
import io.distgres.proto.worker.v1.PgErrorTrailers;
import io.distgres.proto.worker.v1.TaskStatementKind;
import io.distgres.proto.worker.v1.WorkerServiceGrpc;
import io.grpc.Context;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The agent seen through a raw generated gRPC stub, against an embedded PostgreSQL 17. */
class WorkerAgentIT {
    private static EmbeddedPostgres postgres;
    private static WorkerAgent agent;
    private static ManagedChannel channel;
    private static WorkerServiceGrpc.WorkerServiceBlockingStub stub;

    @BeforeAll
    static void start() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
        agent = new WorkerAgent(new WorkerAgentConfig("127.0.0.1", 0, postgres.getJdbcUrl("postgres", "postgres"),
                "postgres", "", 2));
        agent.start();
        channel = NettyChannelBuilder.forAddress("127.0.0.1", agent.port()).usePlaintext().build();
        stub = WorkerServiceGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws IOException {
        channel.shutdownNow();
        agent.close();
        postgres.close();
    }

    @Test
    void streamsColumnsBatchesAndCompletion() {
        List<ExecuteResponse> responses = new ArrayList<>();
        stub.execute(ExecuteRequest.newBuilder().setSql("SELECT g FROM generate_series(1, 2500) g").setBatchSize(1000)
                .build()).forEachRemaining(responses::add);

        assertThat(responses).extracting(ExecuteResponse::getPayloadCase).containsExactly(
                ExecuteResponse.PayloadCase.COLUMNS, ExecuteResponse.PayloadCase.ROWS,
                ExecuteResponse.PayloadCase.ROWS, ExecuteResponse.PayloadCase.ROWS,
                ExecuteResponse.PayloadCase.COMPLETION);
        assertThat(responses.get(3).getRows().getRowsCount()).isEqualTo(500);
        assertThat(responses.get(4).getCompletion().getCommandTag()).isEqualTo("SELECT 2500");
    }

    @Test
    void errorTrailersCarryThePostgresError() {
        StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class,
                () -> stub.execute(ExecuteRequest.newBuilder().setSql("SELECT $1::int / 0").setParameterCount(1)
                        .addParameters(Cell.newBuilder().setText(com.google.protobuf.ByteString.copyFromUtf8("1")))
                        .build()).forEachRemaining(r -> { }));

        PgError error = PgErrorTrailers.fromTrailers(e.getTrailers()).orElseThrow();
        assertThat(error.sqlState()).isEqualTo("22012");
        assertThat(error.message()).isEqualTo("division by zero");
        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    }

    @Test
    void theAgentBindsTheParameterCountTheTaskStatesWithoutReadingTheSql() {
        // the SQL uses $1, but the task says it has none: the agent trusts the task, as PostgreSQL refuses
        // a Bind whose parameter count differs from the statement's
        StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class,
                () -> stub.execute(ExecuteRequest.newBuilder().setSql("SELECT $1::int")
                        .addParameters(Cell.newBuilder().setText(com.google.protobuf.ByteString.copyFromUtf8("1")))
                        .build()).forEachRemaining(r -> { }));
        assertThat(PgErrorTrailers.fromTrailers(e.getTrailers()).orElseThrow().sqlState()).isEqualTo("42P18");

        List<ExecuteResponse> responses = new ArrayList<>();
        stub.execute(ExecuteRequest.newBuilder().setSql("SELECT '$2', $1::int + 1").setParameterCount(1)
                .addParameters(Cell.newBuilder().setText(com.google.protobuf.ByteString.copyFromUtf8("41")))
                .build()).forEachRemaining(responses::add);
        assertThat(responses).filteredOn(ExecuteResponse::hasRows).singleElement()
                .satisfies(r -> assertThat(r.getRows().getRows(0).getCells(1).getText().toStringUtf8()).isEqualTo("42"));
    }

    @Test
    void aTaskMarkedForNoTransactionBlockRunsInAutocommit() {
        List<ExecuteResponse> responses = new ArrayList<>();
        stub.execute(ExecuteRequest.newBuilder().setSql("VACUUM pg_catalog.pg_class")
                .setStatementKind(TaskStatementKind.TASK_STATEMENT_KIND_NO_TRANSACTION_BLOCK)
                .build()).forEachRemaining(responses::add);
        assertThat(responses).last().satisfies(r -> assertThat(r.getCompletion().getCommandTag()).isEqualTo("VACUUM"));
    }

    @Test
    void clientCancelStopsTheStatementAndFreesTheConnection() throws Exception {
        Context.CancellableContext context = Context.current().withCancellation();
        Iterator<ExecuteResponse> responses = context.call(() -> stub.execute(ExecuteRequest.newBuilder()
                .setSql("SELECT g, pg_sleep(0.001) FROM generate_series(1, 1000000) g").setBatchSize(10).build()));
        assertThat(responses.next().hasColumns()).isTrue();
        assertThat(responses.next().getRows().getRowsCount()).isEqualTo(10);

        context.cancel(null);

        pollUntil(Duration.ofSeconds(10), () -> stub.health(HealthRequest.getDefaultInstance()).getPoolActive() == 0);
        pollUntil(Duration.ofSeconds(10), () -> runningSleepers() == 0);
    }

    private static long runningSleepers() {
        List<ExecuteResponse> responses = new ArrayList<>();
        stub.execute(ExecuteRequest.newBuilder()
                .setSql("SELECT 1 FROM pg_stat_activity WHERE state = 'active' AND query LIKE '%pg_sleep(0.001)%' AND pid <> pg_backend_pid()")
                .build()).forEachRemaining(responses::add);
        return responses.stream().filter(ExecuteResponse::hasRows).mapToLong(r -> r.getRows().getRowsCount()).sum();
    }

    private static void pollUntil(Duration limit, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met within %s", limit).isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
