package io.distgres.coordinator.copy;

import static io.distgres.coordinator.testing.SqlRows.column;
import static io.distgres.coordinator.testing.SqlRows.joined;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.distgres.coordinator.testing.EmbeddedClusterExtension;
import io.distgres.coordinator.testing.PostgresClientTool;
import io.distgres.coordinator.testing.SqlStatements;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
import org.postgresql.util.PSQLException;

/** COPY FROM STDIN and COPY TO STDOUT on distributed and reference tables, through psql and pgjdbc. */
class DistributedCopyIT {
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    @RegisterExtension
    static final EmbeddedClusterExtension cluster = EmbeddedClusterExtension.cluster();

    @TempDir
    Path directory;

    @Test
    void psqlCopiesHundredThousandTextRowsOntoTheShardsTheirHashPicks() throws Exception {
        execute("CREATE TABLE messages (id bigserial, user_id bigint NOT NULL, body text, PRIMARY KEY (user_id, id))",
                "SELECT create_distributed_table('messages', 'user_id')",
                "CREATE TABLE messages_local (id bigserial, user_id bigint NOT NULL, body text,"
                        + " PRIMARY KEY (user_id, id))");
        int count = 100_000;
        Path file = directory.resolve("messages.txt");
        Files.writeString(file, IntStream.rangeClosed(1, count)
                .mapToObj(i -> (i * 7919L % 50_000 - 25_000) + "\tmessage\\t" + i + " \u00e9\u65e5\n")
                .collect(Collectors.joining()), StandardCharsets.UTF_8);

        long started = System.nanoTime();
        PostgresClientTool.Result result = psql(cluster.connectionString(),
                "\\copy messages (user_id, body) from '" + file + "'");
        double distributedSeconds = (System.nanoTime() - started) / 1e9;
        assertThat(result.stdout()).contains("COPY " + count);
        started = System.nanoTime();
        psql("postgresql://postgres@127.0.0.1:" + cluster.postgres().coordinator().port() + "/postgres",
                "\\copy messages_local (user_id, body) from '" + file + "'");
        double directSeconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("COPY of %d rows: through the coordinator %.0f rows/s (%.2f s), direct into one"
                + " PostgreSQL %.0f rows/s (%.2f s)%n", count, count / distributedSeconds, distributedSeconds,
                count / directSeconds, directSeconds);

        assertThat(placedRows("messages", "user_id")).isEqualTo(count);
        // ids came from the coordinator's sequence: unique across all shards
        long distinctIds = 0;
        for (String url : cluster.workerPostgresJdbcUrls()) {
            distinctIds += Long.parseLong(column(url, "SELECT count(DISTINCT id) FROM (" + shardsUnion(url, "messages",
                    "id") + ") s").get(0));
        }
        assertThat(distinctIds).isEqualTo(count);
        // sorted, then compared in order: AssertJ's any-order comparison is quadratic (minutes at 100k rows)
        assertThat(copyOut("COPY messages (user_id, body) TO STDOUT").stream().sorted().toList()).isEqualTo(
                Arrays.stream(Files.readString(file, StandardCharsets.UTF_8).split("\n")).sorted().toList());
    }

    @Test
    void csvWithHeaderQuotesNewlinesNullsAndUnicodeRoundTrips() throws Exception {
        execute("CREATE TABLE notes (id bigint, author text, body text)",
                "SELECT create_distributed_table('notes', 'id', shard_count => 8)");
        String csv = "id,author,body\n"
                + "1,\"Smith, J.\",\"said \"\"hi\"\"\"\n"
                + "2,,\"two\nlines\"\n"
                + "3,\"\",\"empty string, not null\"\n"
                + "4,\u65e5\u672c\u8a9e,caf\u00e9 \u2615\n"
                + "5,plain,\"trailing,comma,\"\n";
        Path file = directory.resolve("notes.csv");
        Files.writeString(file, csv, StandardCharsets.UTF_8);
        PostgresClientTool.Result result = psql(cluster.connectionString(),
                "\\copy notes from '" + file + "' with (format csv, header)");
        assertThat(result.stdout()).contains("COPY 5");
        assertThat(placedRows("notes", "id")).isEqualTo(5);
        assertThat(workerRows("notes", "id::text || '|' || coalesce(author, '<null>') || '|' || body"))
                .containsExactlyInAnyOrder("1|Smith, J.|said \"hi\"", "2|<null>|two\nlines",
                        "3||empty string, not null", "4|\u65e5\u672c\u8a9e|caf\u00e9 \u2615", "5|plain|trailing,comma,");

        // the pre-9.0 syntax, through pgjdbc, and the CSV coming back out the same way
        execute("CREATE TABLE notes2 (id bigint, author text, body text)",
                "SELECT create_distributed_table('notes2', 'id', shard_count => 8)");
        try (Connection c = DriverManager.getConnection(cluster.jdbcUrl())) {
            long rows = c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY notes2 FROM STDIN CSV HEADER",
                    new StringReader(csv));
            assertThat(rows).isEqualTo(5);
        }
        assertThat(copyOut("COPY notes2 TO STDOUT WITH (FORMAT csv)"))
                .containsExactlyInAnyOrder("1,\"Smith, J.\",\"said \"\"hi\"\"\"", "2,,\"two", "lines\"",
                        "3,\"\",\"empty string, not null\"", "4,\u65e5\u672c\u8a9e,caf\u00e9 \u2615",
                        "5,plain,\"trailing,comma,\"");
    }

    @Test
    void pgjdbcCopyInThenCopyOutReturnsEveryRowExactlyOnce() throws Exception {
        execute("CREATE TABLE events (tenant int, kind text, payload text)",
                "SELECT create_distributed_table('events', 'tenant')");
        List<String> input = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            input.add((i % 977) + "\tkind" + (i % 3) + "\t" + (i % 10 == 0 ? "\\N" : "p\\\\" + i));
        }
        input.add(input.get(0)); // duplicates stay duplicates
        try (Connection c = DriverManager.getConnection(cluster.jdbcUrl())) {
            long rows = c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY events FROM STDIN",
                    new StringReader(String.join("\n", input) + "\n"));
            assertThat(rows).isEqualTo(input.size());
        }
        assertThat(placedRows("events", "tenant")).isEqualTo(input.size());
        assertThat(copyOut("COPY events TO STDOUT")).containsExactlyInAnyOrderElementsOf(input);
    }

    @Test
    void aBadRowFailsTheWholeCopyWithItsLineAndLeavesNothing() throws Exception {
        execute("CREATE TABLE readings (device bigint, value int, note text)",
                "SELECT create_distributed_table('readings', 'device')");
        // a bad distribution value is caught on the coordinator
        // enough rows that batches go out (and COPY statements switch) long before the end
        String padding = "ok " + "x".repeat(60);
        List<String> rows = IntStream.rangeClosed(1, 60_000).mapToObj(i -> i + "\t" + i + "\t" + padding)
                .collect(Collectors.toCollection(ArrayList::new));
        rows.set(1499, "abc\t1500\tbad key");
        assertCopyFails(rows, "22P02", "line 1500");
        // a bad value in another column is caught by the worker; its line is the client's
        rows.set(1499, "1500\t1500\tok");
        rows.set(52_699, "52700\tnot-a-number\tbad value");
        assertCopyFails(rows, "22P02", "line 52700");
        // missing columns
        rows.set(52_699, "52700\t52700");
        assertCopyFails(rows, "22P04", "line 52700");
        assertThat(placedRows("readings", "device")).isZero();

        // psql reports the same, and exits with an error
        rows.set(52_699, "52700\tnot-a-number\tbad value");
        Path file = directory.resolve("bad.txt");
        Files.writeString(file, String.join("\n", rows) + "\n");
        PostgresClientTool.Result result = psqlTool().run(TIMEOUT, List.of("-X", "-v", "ON_ERROR_STOP=1", "-v",
                "VERBOSITY=verbose", "-d", cluster.connectionString(), "-c", "\\copy readings from '" + file + "'"));
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stderr()).contains("22P02").contains("COPY readings, line 52700");
        assertThat(placedRows("readings", "device")).isZero();
    }

    @Test
    void copyFailFromTheClientLeavesNothingAndTheSessionGoesOn() throws Exception {
        execute("CREATE TABLE clicks (user_id bigint, url text)",
                "SELECT create_distributed_table('clicks', 'user_id')");
        try (Connection c = DriverManager.getConnection(cluster.jdbcUrl())) {
            CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY clicks FROM STDIN");
            byte[] data = IntStream.range(0, 200_000).mapToObj(i -> i + "\thttps://example.com/" + i + "\n")
                    .collect(Collectors.joining()).getBytes(StandardCharsets.UTF_8);
            copy.writeToCopy(data, 0, data.length);
            copy.flushCopy();
            // pgjdbc sends CopyFail and treats the expected 57014 answer as success (anything else it throws)
            copy.cancelCopy();
            assertThat(copy.isActive()).isFalse();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 41 + 1")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(42);
            }
        }
        assertThat(placedRows("clicks", "user_id")).isZero();
    }

    @Test
    void referenceTableCopyLandsOnEveryPlacement() throws Exception {
        execute("CREATE TABLE currencies (code text PRIMARY KEY, name text)",
                "SELECT create_reference_table('currencies')");
        try (Connection c = DriverManager.getConnection(cluster.jdbcUrl())) {
            long rows = c.unwrap(PGConnection.class).getCopyAPI().copyIn(
                    "COPY currencies (code, name) FROM STDIN WITH (FORMAT csv)",
                    new StringReader("EUR,Euro\nJPY,\u5186\nUSD,\"Dollar, US\"\n"));
            assertThat(rows).isEqualTo(3);
        }
        List<String> placements = joined(cluster.jdbcUrl(), "SELECT shard_name, nodeport FROM citus_shards"
                + " WHERE table_name = 'currencies'::regclass");
        assertThat(placements).hasSize(cluster.workerPostgresJdbcUrls().size());
        for (String placement : placements) {
            String[] f = placement.split("\\|");
            assertThat(column(workerUrl(Integer.parseInt(f[1])), "SELECT string_agg(code || '=' || name, ';'"
                    + " ORDER BY code) FROM " + f[0])).containsExactly("EUR=Euro;JPY=\u5186;USD=Dollar, US");
        }
        assertThat(copyOut("COPY currencies TO STDOUT")).containsExactly("EUR\tEuro", "JPY\t\u5186",
                "USD\tDollar, US");
    }

    @Test
    void unsupportedCopiesAreRefusedByName() throws Exception {
        execute("CREATE TABLE blobs (id bigint, data bytea)", "SELECT create_distributed_table('blobs', 'id')");
        try (Connection c = DriverManager.getConnection(cluster.jdbcUrl())) {
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            assertThatThrownBy(() -> copy.copyIn("COPY blobs FROM STDIN WITH (FORMAT binary)",
                    new StringReader(""))).isInstanceOfSatisfying(PSQLException.class,
                            e -> assertThat(e.getSQLState()).isEqualTo("0A000"));
            assertThatThrownBy(() -> copy.copyIn("COPY blobs (data) FROM STDIN", new StringReader("x\n")))
                    .isInstanceOfSatisfying(PSQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("23502"));
        }
    }

    private void assertCopyFails(List<String> rows, String sqlState, String where) throws SQLException {
        try (Connection c = DriverManager.getConnection(cluster.jdbcUrl())) {
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            assertThatThrownBy(() -> copy.copyIn("COPY readings FROM STDIN",
                    new StringReader(String.join("\n", rows) + "\n"))).isInstanceOfSatisfying(PSQLException.class,
                            e -> {
                                assertThat(e.getSQLState()).as(e.getMessage()).isEqualTo(sqlState);
                                assertThat(e.getServerErrorMessage().getWhere()).contains(where);
                            });
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
                assertThat(rs.next()).isTrue();
            }
        }
    }

    /** Rows on all shards of {@code table}, after checking each sits in its shard's hash range. */
    private static long placedRows(String table, String key) throws SQLException {
        long rows = 0;
        for (String shard : joined(cluster.jdbcUrl(), "SELECT s.shard_name, s.nodeport, d.shardminvalue,"
                + " d.shardmaxvalue FROM citus_shards s JOIN dist_shard d USING (shardid)"
                + " WHERE s.table_name = '" + table + "'::regclass ORDER BY s.shardid")) {
            String[] f = shard.split("\\|");
            String worker = workerUrl(Integer.parseInt(f[1]));
            String hash = key.equals("tenant") ? "hashint4(" + key + ")" : "hashint8(" + key + ")";
            assertThat(column(worker, "SELECT count(*) FROM " + f[0] + " WHERE " + hash + " NOT BETWEEN "
                    + f[2] + " AND " + f[3])).as("rows of %s outside its range", f[0]).containsExactly("0");
            rows += Long.parseLong(column(worker, "SELECT count(*) FROM " + f[0]).get(0));
        }
        return rows;
    }

    /** {@code expression} for every row of every shard of {@code table}, read on the workers. */
    private static List<String> workerRows(String table, String expression) throws SQLException {
        List<String> rows = new ArrayList<>();
        for (String url : cluster.workerPostgresJdbcUrls()) {
            String union = shardsUnion(url, table, expression + " AS v");
            if (!union.isEmpty()) {
                rows.addAll(column(url, "SELECT v FROM (" + union + ") s"));
            }
        }
        return rows;
    }

    private static String shardsUnion(String workerUrl, String table, String expression) throws SQLException {
        return column(workerUrl, "SELECT tablename FROM pg_tables WHERE tablename ~ '^" + table + "_[0-9]+$'")
                .stream().map(t -> "SELECT " + expression + " FROM " + t).collect(Collectors.joining(" UNION ALL "));
    }

    private static List<String> copyOut(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(cluster.jdbcUrl())) {
            StringWriter out = new StringWriter();
            c.unwrap(PGConnection.class).getCopyAPI().copyOut(sql, out);
            return out.toString().isEmpty() ? List.of() : Arrays.asList(out.toString().split("\n"));
        }
    }

    private static PostgresClientTool psqlTool() {
        return PostgresClientTool.require("psql");
    }

    private static PostgresClientTool.Result psql(String connection, String command) {
        PostgresClientTool.Result result = psqlTool().run(TIMEOUT, List.of("-X", "-v", "ON_ERROR_STOP=1",
                "-d", connection, "-c", command));
        assertThat(result.exitCode()).as("%s", result).isZero();
        return result;
    }

    private static String workerUrl(int postgresPort) {
        return cluster.workerPostgresJdbcUrl(postgresPort);
    }

    private static void execute(String... statements) throws SQLException {
        SqlStatements.execute(cluster.jdbcUrl(), statements);
    }
}
