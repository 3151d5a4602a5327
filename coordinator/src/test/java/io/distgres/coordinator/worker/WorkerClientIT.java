package io.distgres.coordinator.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.distgres.coordinator.testing.Psql;
import io.distgres.proto.worker.v1.Column;
import io.distgres.proto.worker.v1.Completion;
import io.distgres.proto.worker.v1.HealthResponse;
import io.distgres.proto.worker.v1.RowBatch;
import io.distgres.worker.WorkerAgent;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.MethodDescriptor;
import io.distgres.worker.WorkerAgentConfig;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** Round trips through a real WorkerClient, a real WorkerAgent and an embedded PostgreSQL 17. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WorkerClientIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static EmbeddedPostgres postgres;
    private static WorkerAgent agent;
    private static WorkerClient client;

    @BeforeAll
    static void start() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
        agent = new WorkerAgent(new WorkerAgentConfig("127.0.0.1", 0, postgres.getJdbcUrl("postgres", "postgres"),
                "postgres", "", 4));
        agent.start();
        client = new WorkerClient("127.0.0.1", agent.port());
    }

    @AfterAll
    static void stop() throws IOException {
        if (client != null) {
            client.close();
        }
        if (agent != null) {
            agent.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    private static TaskResult run(String sql, String... parameters) {
        return client.executeAndCollect(sql, Arrays.asList(parameters), TIMEOUT);
    }

    @Test
    void streamsManyRowsInSeveralBatches() throws Exception {
        List<Column> columns = new ArrayList<>();
        List<Integer> batchSizes = new ArrayList<>();
        List<String> values = new ArrayList<>();
        CompletableFuture<Completion> done = new CompletableFuture<>();
        client.execute(new TaskRequest("SELECT g, 'row ' || g AS label FROM generate_series(1, 10000) g",
                List.of(), 1000, TIMEOUT), new TaskListener() {
                    @Override
                    public void onColumns(List<Column> cols) {
                        columns.addAll(cols);
                    }

                    @Override
                    public void onRows(RowBatch batch) {
                        batchSizes.add(batch.getRowsCount());
                        batch.getRowsList().forEach(r -> values.add(r.getCells(0).getText().toStringUtf8()));
                    }

                    @Override
                    public void onComplete(Completion completion) {
                        done.complete(completion);
                    }

                    @Override
                    public void onError(WorkerTaskException error) {
                        done.completeExceptionally(error);
                    }
                });
        Completion completion = done.get(30, TimeUnit.SECONDS);

        assertThat(columns).extracting(Column::getName).containsExactly("g", "label");
        assertThat(columns).extracting(Column::getTypeOid).containsExactly(23, 25);
        assertThat(columns.get(0).getTypeSize()).isEqualTo(4);
        assertThat(columns.get(1).getTypeSize()).isEqualTo(-1);
        assertThat(batchSizes).hasSize(10).allMatch(size -> size == 1000);
        assertThat(values).hasSize(10000).startsWith("1", "2").endsWith("10000");
        assertThat(completion.getCommandTag()).isEqualTo("SELECT 10000");
        assertThat(completion.getRowsAffected()).isEqualTo(10000);
    }

    @Test
    void smallResultKeepsExactCommandTagAndNulls() {
        TaskResult result = run("SELECT NULL::int AS a, 'x' AS b UNION ALL SELECT 1, NULL");

        assertThat(result.rows()).containsExactly(Arrays.asList(null, "x"), Arrays.asList("1", null));
        assertThat(result.commandTag()).isEqualTo("SELECT 2");
    }

    @Test
    void typeModifiersAndOidsComeFromPostgres() {
        TaskResult result = run("SELECT 1.5::numeric(10,2) AS n, 'ab'::varchar(7) AS v, 1::bigint AS b");

        assertThat(result.columns()).extracting(Column::getTypeOid).containsExactly(1700, 1043, 20);
        // numeric typmod is ((precision << 16) | scale) + 4, varchar's is length + 4
        assertThat(result.columns()).extracting(Column::getTypeModifier)
                .containsExactly(((10 << 16) | 2) + 4, 7 + 4, -1);
        assertThat(result.rows()).containsExactly(List.of("1.50", "ab", "1"));
    }

    @Test
    void textCellsAreByteIdenticalToPsql() throws Exception {
        String sql = "SELECT 42::int, -7::bigint, 1.50::numeric, 123456789.123456789::numeric, 0.1::float8,"
                + " 1e100::float8, 'NaN'::float8, 1.5::real, true, false, 'héllo wörld ✓ 😀'::text,"
                + " '\\xdeadbeef'::bytea, 'ab\\\\c'::bytea, DATE '2024-02-29',"
                + " TIMESTAMPTZ '2024-03-10 12:34:56.789+02', TIMESTAMP '2001-01-01 00:00:00.5',"
                + " 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid, '{\"b\": [1, 2.50], \"a\": null}'::jsonb,"
                + " ARRAY[1, NULL, 3]::int[], INTERVAL '1 day 2 hours', '{\"x y\",z}'::text[]";
        List<String> agentCells = run(sql).rows().get(0);
        List<String> psqlCells = psqlRow(sql);

        assertThat(agentCells).containsExactlyElementsOf(psqlCells);
        assertThat(agentCells).contains("\\xdeadbeef", "t", "0.1", "1.50", "{1,NULL,3}", "héllo wörld ✓ 😀",
                "{\"a\": null, \"b\": [1, 2.50]}");
    }

    @Test
    void bindsDollarParametersIncludingNullAndLiteralQuestionMarks() {
        TaskResult result = run("SELECT $2::int + $1::int AS sum, $3::text IS NULL AS isnull,"
                        + " '{\"k\": 1}'::jsonb ? $4 AS has_key, '{\"k\": 1}'::jsonb ?| ARRAY[$4] AS any_key,"
                        + " '$1 ?' AS literal, $$ $2 $$ AS dollar /* $1 */, $1 AS again",
                "40", "2", null, "k");

        assertThat(result.rows()).containsExactly(List.of("42", "t", "t", "t", "$1 ?", " $2 ", "40"));
    }

    @Test
    void parameterTypesAreInferredFromContext() {
        run("CREATE TABLE typed (id bigint PRIMARY KEY, at timestamptz, data jsonb)");
        TaskResult insert = run("INSERT INTO typed VALUES ($1, $2, $3)", "1", "2024-01-01 00:00:00+00", "{\"a\":1}");
        // a repeated $n is one parameter whose type PostgreSQL infers once, as for a client's own statement
        assertThat(run("SELECT count(*) FROM typed WHERE id = $1 OR $1 IS NULL", "1").rows())
                .containsExactly(List.of("1"));
        TaskResult select = run("SELECT id, data ->> 'a' FROM typed WHERE id = $1 AND data ? $2", "1", "a");

        assertThat(insert.commandTag()).isEqualTo("INSERT 0 1");
        assertThat(select.rows()).containsExactly(List.of("1", "1"));
    }

    @Test
    void dmlAndDdlReportPostgresCommandTags() {
        assertThat(run("CREATE TABLE tags (id int PRIMARY KEY, v text)").commandTag()).isEqualTo("CREATE TABLE");
        TaskResult insert = run("INSERT INTO tags SELECT g, 'v' || g FROM generate_series(1, 3) g");
        assertThat(insert.commandTag()).isEqualTo("INSERT 0 3");
        assertThat(insert.rowsAffected()).isEqualTo(3);
        assertThat(run("UPDATE tags SET v = 'w' WHERE id <= 2").commandTag()).isEqualTo("UPDATE 2");
        TaskResult returning = run("DELETE FROM tags WHERE id = 3 RETURNING v");
        assertThat(returning.commandTag()).isEqualTo("DELETE 1");
        assertThat(returning.rows()).containsExactly(List.of("v3"));
        assertThat(run("CREATE INDEX CONCURRENTLY tags_v ON tags (v)").commandTag()).isEqualTo("CREATE INDEX");
        assertThat(run("SELECT count(*) FROM tags").rows()).containsExactly(List.of("2"));
    }

    @Test
    void postgresErrorsKeepSqlstateAndFields() {
        assertThatThrownBy(() -> run("SELECT 1 / 0"))
                .isInstanceOfSatisfying(WorkerTaskException.class, e -> {
                    assertThat(e.sqlState()).isEqualTo("22012");
                    assertThat(e.pgMessage()).isEqualTo("division by zero");
                });
        assertThatThrownBy(() -> run("SELECT * FROM no_such_täble"))
                .isInstanceOfSatisfying(WorkerTaskException.class, e -> {
                    assertThat(e.sqlState()).isEqualTo("42P01");
                    assertThat(e.pgMessage()).isEqualTo("relation \"no_such_täble\" does not exist");
                    assertThat(e.position()).isEqualTo(15);
                });
        assertThatThrownBy(() -> run("SELECT nope FROM pg_class"))
                .isInstanceOfSatisfying(WorkerTaskException.class, e -> {
                    assertThat(e.sqlState()).isEqualTo("42703");
                    assertThat(e.position()).isEqualTo(8);
                });
        assertThatThrownBy(() -> run("SELECT no_such_function(1)"))
                .isInstanceOfSatisfying(WorkerTaskException.class, e -> {
                    assertThat(e.sqlState()).isEqualTo("42883");
                    assertThat(e.hint()).startsWith("No function matches");
                });
        run("CREATE TABLE uniq (id int PRIMARY KEY)");
        run("INSERT INTO uniq VALUES (1)");
        assertThatThrownBy(() -> run("INSERT INTO uniq VALUES ($1)", "1"))
                .isInstanceOfSatisfying(WorkerTaskException.class, e -> {
                    assertThat(e.sqlState()).isEqualTo("23505");
                    assertThat(e.detail()).isEqualTo("Key (id)=(1) already exists.");
                });
        // the failed statements rolled back and the pool still serves
        assertThat(run("SELECT count(*) FROM uniq").rows()).containsExactly(List.of("1"));
    }

    @Test
    void deadlineCancelsTheStatementOnPostgres() {
        assertThatThrownBy(() -> client.executeAndCollect("SELECT pg_sleep(60) /* cancel-me */", List.of(),
                Duration.ofMillis(500)))
                .isInstanceOfSatisfying(WorkerTaskException.class, e -> assertThat(e.sqlState()).isEqualTo("57014"));

        pollUntil(Duration.ofSeconds(10), () -> run("SELECT count(*) FROM pg_stat_activity"
                + " WHERE query LIKE '%cancel-me%' AND pid <> pg_backend_pid()").rows().get(0).get(0).equals("0"));
    }

    @Test
    void manyTasksShareAFewCallsToTheAgent() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        ClientInterceptor counting = new ClientInterceptor() {
            @Override
            public <ReqT, RespT> ClientCall<ReqT, RespT> interceptCall(MethodDescriptor<ReqT, RespT> method,
                                                                       CallOptions options, Channel next) {
                calls.incrementAndGet();
                return next.newCall(method, options);
            }
        };
        try (WorkerClient counted = new WorkerClient("127.0.0.1", agent.port(), List.of(counting))) {
            List<CompletableFuture<TaskResult>> results = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                CompletableFuture<TaskResult> result = new CompletableFuture<>();
                results.add(result);
                counted.execute(new TaskRequest("SELECT $1::int * 2", List.of(Integer.toString(i)), 0, TIMEOUT),
                        new CollectingListener(result));
            }
            for (int i = 0; i < 40; i++) {
                assertThat(results.get(i).get(30, TimeUnit.SECONDS).rows()).containsExactly(List.of(Integer.toString(2 * i)));
            }
        }
        assertThat(calls.get()).isBetween(1, WorkerClient.TASK_STREAMS);
    }

    @Test
    void aListenerThatNeverTakesMoreHoldsUpNoOtherTask() throws Exception {
        AtomicInteger batches = new AtomicInteger();
        CompletableFuture<WorkerTaskException> stalledError = new CompletableFuture<>();
        List<WorkerClient.TaskCall> stalled = new ArrayList<>();
        // never-reading tasks on two of the shared calls (each holds one of the agent's 4 connections)
        for (int i = 0; i < 2; i++) {
            stalled.add(client.execute(new TaskRequest("SELECT g FROM generate_series(1, 100000) g", List.of(), 100,
                    TIMEOUT), new NeverReading(batches, stalledError)));
        }
        pollUntil(Duration.ofSeconds(10), () -> batches.get() == 2);

        for (int i = 0; i < 10; i++) {
            assertThat(run("SELECT count(*) FROM generate_series(1, $1::int)", "1000").rows())
                    .containsExactly(List.of("1000"));
        }
        assertThat(batches.get()).as("the stalled tasks got no more than their window").isEqualTo(2);

        stalled.forEach(WorkerClient.TaskCall::cancel);
        assertThat(stalledError.get(10, TimeUnit.SECONDS).sqlState()).isEqualTo("57014");
        pollUntil(Duration.ofSeconds(10), () -> client.health(TIMEOUT).getPoolActive() == 0);
    }

    @Test
    void cancellingOneTaskLeavesTheOtherTasksOfItsCallRunning() throws Exception {
        List<CompletableFuture<TaskResult>> results = new ArrayList<>();
        List<WorkerClient.TaskCall> calls = new ArrayList<>();
        // twice as many tasks as calls: every call carries two
        for (int i = 0; i < 2 * WorkerClient.TASK_STREAMS; i++) {
            CompletableFuture<TaskResult> result = new CompletableFuture<>();
            results.add(result);
            calls.add(client.execute(new TaskRequest("SELECT " + i + ", pg_sleep(0.3) /* sibling */", List.of(), 0,
                    TIMEOUT), new CollectingListener(result)));
        }
        calls.get(0).cancel();

        assertThatThrownBy(() -> results.get(0).join()).hasCauseInstanceOf(WorkerTaskException.class)
                .cause().satisfies(e -> assertThat(((WorkerTaskException) e).sqlState()).isEqualTo("57014"));
        for (int i = 1; i < results.size(); i++) {
            assertThat(results.get(i).get(30, TimeUnit.SECONDS).rows().get(0).get(0)).isEqualTo(Integer.toString(i));
        }
        pollUntil(Duration.ofSeconds(10), () -> run("SELECT count(*) FROM pg_stat_activity"
                + " WHERE query LIKE '%sibling%' AND pid <> pg_backend_pid()").rows().get(0).get(0).equals("0"));
    }

    @Test
    void tasksOfAnAgentThatGoesAwayFailAsTheirOwnCallsDid() throws Exception {
        WorkerAgent doomed = new WorkerAgent(new WorkerAgentConfig("127.0.0.1", 0,
                postgres.getJdbcUrl("postgres", "postgres"), "postgres", "", 2));
        doomed.start();
        try (WorkerClient doomedClient = new WorkerClient("127.0.0.1", doomed.port())) {
            assertThat(doomedClient.executeAndCollect("SELECT 1", List.of(), TIMEOUT).rows())
                    .containsExactly(List.of("1"));
            CompletableFuture<TaskResult> running = new CompletableFuture<>();
            doomedClient.execute(new TaskRequest("SELECT pg_sleep(60) /* doomed */", List.of(), 0, TIMEOUT),
                    new CollectingListener(running));
            pollUntil(Duration.ofSeconds(10), () -> run("SELECT count(*) FROM pg_stat_activity"
                    + " WHERE query LIKE '%doomed%' AND pid <> pg_backend_pid()").rows().get(0).get(0).equals("1"));

            doomed.close();

            // the agent cancels what still runs when it stops waiting for it
            assertThatThrownBy(() -> running.get(30, TimeUnit.SECONDS)).cause()
                    .isInstanceOfSatisfying(WorkerTaskException.class,
                            e -> assertThat(e.sqlState()).isEqualTo("57014"));
            // a task sent after the agent went away fails the same way, through the call opened again
            assertThatThrownBy(() -> doomedClient.executeAndCollect("SELECT 1", List.of(), TIMEOUT))
                    .isInstanceOfSatisfying(WorkerTaskException.class, e -> assertThat(e.sqlState()).isEqualTo("08006"));
        } finally {
            doomed.close();
        }
    }

    @Test
    void scriptAppliesAllStatementsOrNone() {
        client.executeScript(List.of("CREATE TABLE script_a (x int PRIMARY KEY)", "INSERT INTO script_a VALUES (1)"),
                Duration.ofSeconds(10));
        assertThatThrownBy(() -> client.executeScript(List.of("INSERT INTO script_a VALUES (2)",
                "INSERT INTO script_a VALUES (1)"), Duration.ofSeconds(10)))
                .isInstanceOfSatisfying(WorkerTaskException.class, e -> assertThat(e.sqlState()).isEqualTo("23505"));
        assertThat(run("SELECT string_agg(x::text, ',' ORDER BY x) FROM script_a").rows())
                .containsExactly(List.of("1"));
    }

    @Test
    void copyInCommitsAtFinishAndLeavesNothingOnError() {
        run("CREATE TABLE copied (id int, note text)");
        CopyInStream copy = client.copyIn("COPY copied FROM STDIN");
        byte[] rows = "1\tone\n2\t\\N\n".getBytes(StandardCharsets.UTF_8);
        copy.write(rows, 0, rows.length);
        assertThat(copy.finish()).isEqualTo(2);

        CopyInStream bad = client.copyIn("COPY copied FROM STDIN");
        byte[] good = "3\tthree\n".getBytes(StandardCharsets.UTF_8);
        byte[] broken = "four\tfour\n".getBytes(StandardCharsets.UTF_8);
        bad.write(good, 0, good.length);
        bad.write(broken, 0, broken.length);
        assertThatThrownBy(bad::finish)
                .isInstanceOfSatisfying(WorkerTaskException.class, e -> assertThat(e.sqlState()).isEqualTo("22P02"));

        CopyInStream abandoned = client.copyIn("COPY copied FROM STDIN");
        abandoned.write(good, 0, good.length);
        abandoned.abort("caller gave up");

        pollUntil(Duration.ofSeconds(10), () -> run("SELECT count(*) FROM pg_stat_activity"
                + " WHERE query LIKE 'COPY copied%' AND state = 'active'").rows().get(0).get(0).equals("0"));
        assertThat(run("SELECT id, note FROM copied ORDER BY id").rows())
                .containsExactly(List.of("1", "one"), java.util.Arrays.asList("2", null));
    }

    @Test
    void oneCopyInStreamLoadsSeveralTablesInOneTransaction() {
        run("CREATE TABLE copied_a (id int)");
        run("CREATE TABLE copied_b (id int)");
        byte[] one = "1\n".getBytes(StandardCharsets.UTF_8);
        byte[] two = "2\n3\n".getBytes(StandardCharsets.UTF_8);
        CopyInStream copy = client.copyIn("COPY copied_a FROM STDIN");
        copy.write(one, 0, one.length);
        copy.startCopy("COPY copied_b FROM STDIN");
        copy.write(two, 0, two.length);
        copy.startCopy("COPY copied_a FROM STDIN");
        copy.write(two, 0, two.length);
        copy.endCopy();
        assertThat(copy.awaitEnded()).isEqualTo(5);
        // ended but not committed: another connection sees nothing yet
        assertThat(run("SELECT count(*) FROM copied_a").rows()).containsExactly(List.of("0"));
        assertThat(copy.finish()).isEqualTo(5);
        assertThat(run("SELECT (SELECT count(*) FROM copied_a) || '/' || (SELECT count(*) FROM copied_b)").rows())
                .containsExactly(List.of("3/2"));

        // a failure in the third COPY rolls back the first two, and says which COPY failed
        CopyInStream bad = client.copyIn("COPY copied_a FROM STDIN");
        bad.write(one, 0, one.length);
        bad.startCopy("COPY copied_b FROM STDIN");
        bad.write(two, 0, two.length);
        bad.startCopy("COPY copied_a FROM STDIN");
        byte[] broken = "2\nx\n".getBytes(StandardCharsets.UTF_8);
        bad.write(broken, 0, broken.length);
        bad.endCopy();
        assertThatThrownBy(bad::awaitEnded).isInstanceOfSatisfying(WorkerTaskException.class, e -> {
            assertThat(e.sqlState()).isEqualTo("22P02");
            assertThat(e.error().where()).contains("line 2");
        });
        assertThat(bad.failedStatement()).hasValue(3);
        bad.abort("failed");
        assertThat(run("SELECT (SELECT count(*) FROM copied_a) || '/' || (SELECT count(*) FROM copied_b)").rows())
                .containsExactly(List.of("3/2"));
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void healthTurnsFalsePromptlyWhenPostgresStops() throws IOException {
        HealthResponse up = client.health(Duration.ofSeconds(10));
        assertThat(up.getServing()).isTrue();
        assertThat(up.getServerVersion()).startsWith("17.");
        assertThat(up.getPostgresPort()).isEqualTo(postgres.getPort());
        assertThat(up.getPostgresHost()).isEqualTo("localhost");

        postgres.close();
        postgres = null;

        long started = System.nanoTime();
        pollUntil(Duration.ofSeconds(15), () -> !client.health(Duration.ofSeconds(10)).getServing());
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(8));
        // a pooled connection may still hold PostgreSQL's own shutdown notice (57P01); a new one fails with 08xxx
        assertThatThrownBy(() -> run("SELECT 1"))
                .isInstanceOfSatisfying(WorkerTaskException.class, e -> assertThat(e.sqlState()).matches("08...|57P01"));
    }

    /** A flow-controlled listener that takes its first window and never asks for more. */
    private record NeverReading(AtomicInteger batches, CompletableFuture<WorkerTaskException> error)
            implements FlowControlledTaskListener {
        @Override
        public int initialMessages() {
            return 2;
        }

        @Override
        public void started(WorkerClient.TaskCall call) {
        }

        @Override
        public void onColumns(List<Column> columns) {
        }

        @Override
        public void onRows(RowBatch batch) {
            batches.incrementAndGet();
        }

        @Override
        public void onComplete(Completion completion) {
            error.completeExceptionally(new AssertionError("a stalled task completed"));
        }

        @Override
        public void onError(WorkerTaskException e) {
            error.complete(e);
        }
    }

    /** Collects a whole result into a future. */
    private static final class CollectingListener implements TaskListener {
        private final CompletableFuture<TaskResult> result;
        private List<Column> columns = List.of();
        private final List<List<String>> rows = new ArrayList<>();

        CollectingListener(CompletableFuture<TaskResult> result) {
            this.result = result;
        }

        @Override
        public void onColumns(List<Column> columns) {
            this.columns = columns;
        }

        @Override
        public void onRows(RowBatch batch) {
            batch.getRowsList().forEach(row -> rows.add(row.getCellsList().stream()
                    .map(cell -> cell.getIsNull() ? null : cell.getText().toStringUtf8()).toList()));
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

    private static void pollUntil(Duration limit, BooleanSupplier condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met within %s", limit).isLessThan(deadline);
            Thread.onSpinWait();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** One row as psql prints it, cells split on the unit separator. */
    private static List<String> psqlRow(String sql) throws Exception {
        Path script = Files.createTempFile("worker-it", ".sql");
        Files.writeString(script, sql + ";\n", StandardCharsets.UTF_8);
        // same session time zone as pgjdbc sends, so timestamptz text is comparable
        String output = Psql.run(Map.of("PGTZ", TimeZone.getDefault().getID()), List.of("-q", "-A", "-t",
                "-F", "\u001f", "-h", "localhost", "-p", Integer.toString(postgres.getPort()), "-U", "postgres",
                "-d", "postgres", "-f", script.toString()));
        Files.delete(script);
        return List.of(output.stripTrailing().split("\u001f", -1));
    }
}
