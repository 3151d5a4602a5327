package io.distgres.coordinator.regress;

import io.distgres.coordinator.regress.StatementOutcome.Column;
import io.distgres.coordinator.regress.StatementOutcome.Rows;
import io.distgres.coordinator.testing.EmbeddedClusterExtension;
import io.distgres.coordinator.testing.FreshDatabases;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.PGConnection;

/**
 * The differential suite: the corpus under {@code sql/regress} runs on distgres (through the
 * coordinator, tables distributed by {@code distribute.sql}) and on a plain PostgreSQL database
 * holding the same rows, and every answer must match (see {@link ResultComparison}). Queries run
 * first, on the freshly loaded rows; then each DML file runs statement by statement and the
 * tables it names are compared whole. Each statement is its own test, named by its id.
 *
 * <p>System properties: {@code distgres.regress.update-unsupported=true} rewrites
 * {@code expected-unsupported.txt} from this run's 0A000 refusals; {@code distgres.regress.only=text}
 * runs only the statements whose id contains {@code text}; {@code distgres.regress.url-options} is
 * appended to both JDBC URLs (e.g. {@code &preferQueryMode=simple}); {@code distgres.regress.dir} points at
 * the corpus (default: {@code sql/regress} found from the working directory upwards).
 */
class DifferentialSuiteIT {
    /** Runs the suite with pgjdbc in simple-protocol mode (values inlined in the text), see {@link DifferentialSuiteSimpleProtocolIT}. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    @interface SimpleQueryProtocol {
    }

    private static final int STATEMENT_TIMEOUT_SECONDS = 60;

    @RegisterExtension
    static final EmbeddedClusterExtension cluster = EmbeddedClusterExtension.cluster();

    private static final Path CORPUS = corpusDirectory();
    private static final boolean UPDATE_UNSUPPORTED = Boolean.getBoolean("distgres.regress.update-unsupported");
    private static final String ONLY = System.getProperty("distgres.regress.only", "");
    private static final String URL_OPTIONS = System.getProperty("distgres.regress.url-options", "");
    private static SuiteTally tally;
    private static boolean rewriteUnsupported;
    private static final List<RegressData.TableRows> DATA = RegressData.generate();

    private static Connection distgres;
    private static Connection postgres;
    private static DifferentialJudge judge;

    @BeforeAll
    static void loadBothDatabases(TestInfo info) throws Exception {
        long started = System.nanoTime();
        Class<?> suite = info.getTestClass().orElseThrow();
        String urlOptions = URL_OPTIONS + (suite.isAnnotationPresent(SimpleQueryProtocol.class)
                ? "&preferQueryMode=simple" : "");
        // only the suite in its default (extended protocol) form rewrites the expectation file
        rewriteUnsupported = UPDATE_UNSUPPORTED && suite == DifferentialSuiteIT.class;
        tally = new SuiteTally();
        String referenceUrl = new FreshDatabases(cluster.coordinatorPostgresJdbcUrl()).create("regress_reference");
        distgres = DriverManager.getConnection(cluster.jdbcUrl() + urlOptions);
        postgres = DriverManager.getConnection(referenceUrl + urlOptions);
        for (String statement : statements(CORPUS.resolve("schema.sql"))) {
            execute(distgres, statement);
            execute(postgres, statement);
        }
        for (String statement : statements(CORPUS.resolve("distribute.sql"))) {
            execute(distgres, statement);
        }
        for (RegressData.TableRows table : DATA) {
            copyIn(distgres, table);
            copyIn(postgres, table);
        }
        applySessionSettings();
        ExpectationList unsupported = ExpectationList.read(CORPUS.resolve("expected-unsupported.txt"));
        ExpectationList knownWrong = ExpectationList.read(CORPUS.resolve("known-wrong.txt"));
        warnAboutStaleIds(unsupported, knownWrong);
        judge = new DifferentialJudge(unsupported, knownWrong, rewriteUnsupported, tally);
        System.out.printf("[differential] schema and data loaded in %.1f s%n", (System.nanoTime() - started) / 1e9);
    }

    @AfterAll
    static void summarize() throws SQLException {
        System.out.println("[differential] " + tally.summary());
        if (rewriteUnsupported && ONLY.isEmpty()) {
            ExpectationList.write(CORPUS.resolve("expected-unsupported.txt"), List.of(
                    "Corpus statements distgres refuses with SQLSTATE 0A000 today (id  # distgres's message).",
                    "DifferentialSuiteIT counts them as 'unsupported (expected)'. Regenerate after engine changes:",
                    "  mvn -o -B verify -pl coordinator -am -Dit.test=DifferentialSuiteIT -Dtest=NoSuch \\",
                    "    -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false \\",
                    "    -Ddistgres.regress.update-unsupported=true"),
                    tally.unsupported());
            System.out.println("[differential] rewrote " + CORPUS.resolve("expected-unsupported.txt"));
        }
        if (distgres != null) {
            distgres.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @TestFactory
    Stream<DynamicNode> corpus() {
        Stream<DynamicNode> loaded = Stream.of(DynamicTest.dynamicTest("setup/tables-loaded",
                () -> compareTables("setup/tables-loaded", DATA.stream().map(RegressData.TableRows::table).toList())));
        Stream<DynamicNode> files = RegressCorpus.read(CORPUS).stream()
                .filter(file -> file.statements().stream().anyMatch(s -> s.id().contains(ONLY)))
                .map(DifferentialSuiteIT::container);
        return Stream.concat(loaded, files);
    }

    private static DynamicNode container(CorpusFile file) {
        boolean dml = file.id().startsWith("dml/");
        Stream<DynamicNode> statements = file.statements().stream().filter(s -> s.id().contains(ONLY))
                .map(s -> DynamicTest.dynamicTest(s.id(), () -> {
                    if (dml) {
                        runWrite(s);
                    } else {
                        runQuery(s);
                    }
                }));
        if (dml && !file.comparedTables().isEmpty()) {
            String id = file.id() + "/tables-after";
            statements = Stream.concat(statements,
                    Stream.of(DynamicTest.dynamicTest(id, () -> compareTables(id, file.comparedTables()))));
        }
        return DynamicContainer.dynamicContainer(file.id(), statements);
    }

    private static void runQuery(CorpusStatement statement) throws SQLException {
        StatementOutcome expected = run(postgres, statement.sql());
        StatementOutcome actual = run(distgres, statement.sql());
        judge.judge(statement, expected, actual);
    }

    /**
     * distgres first, then PostgreSQL inside a transaction that commits only if distgres applied the
     * statement: a refused write leaves both databases as they were.
     */
    private static void runWrite(CorpusStatement statement) throws SQLException {
        StatementOutcome actual = run(distgres, statement.sql());
        postgres.setAutoCommit(false);
        StatementOutcome expected;
        try {
            expected = run(postgres, statement.sql());
        } finally {
            if (actual instanceof Rows) {
                postgres.commit();
            } else {
                postgres.rollback();
            }
            postgres.setAutoCommit(true);
        }
        judge.judge(statement, expected, actual);
    }

    /**
     * Compares whole tables, read with COPY TO STDOUT on both sides, as multisets of lines. The
     * copies run in UTC: they check the rows stored, while session.sql's time zone is for the corpus.
     */
    private static void compareTables(String id, List<String> tables) throws Exception {
        StringBuilder differences = new StringBuilder();
        execute(distgres, "SET TimeZone = 'UTC'");
        execute(postgres, "SET TimeZone = 'UTC'");
        try {
            for (String table : tables) {
                Rows expected = copyOut(postgres, table);
                Rows actual = copyOut(distgres, table);
                Optional<String> difference = ResultComparison.rowsDifference(expected, actual, false);
                difference.ifPresent(d -> differences.append("table ").append(table).append(": ").append(d));
            }
        } finally {
            applySessionSettings();
        }
        judge.judgeDifference(id, "-- whole tables " + tables,
                differences.isEmpty() ? Optional.empty() : Optional.of(differences.toString()));
    }

    /** Ids in the lists that name no corpus statement (renamed or deleted) are reported, not fatal. */
    private static void warnAboutStaleIds(ExpectationList... lists) {
        Set<String> ids = new HashSet<>();
        for (CorpusFile file : RegressCorpus.read(CORPUS)) {
            file.statements().forEach(statement -> ids.add(statement.id()));
            ids.add(file.id() + "/tables-after");
        }
        ids.add("setup/tables-loaded");
        for (ExpectationList list : lists) {
            list.notesById().keySet().stream().filter(id -> !ids.contains(id)).forEach(id -> System.out.println(
                    "[differential] " + list.file().getFileName() + " names " + id + ", which is not in the corpus"));
        }
    }

    /** session.sql on both connections: the settings every corpus statement runs under. */
    private static void applySessionSettings() throws IOException, SQLException {
        for (String statement : statements(CORPUS.resolve("session.sql"))) {
            execute(distgres, statement);
            execute(postgres, statement);
        }
    }

    private static StatementOutcome run(Connection connection, String sql) {
        return StatementRunner.run(connection, sql, STATEMENT_TIMEOUT_SECONDS);
    }

    private static Rows copyOut(Connection connection, String table) throws SQLException, IOException {
        StringWriter text = new StringWriter();
        connection.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY " + table + " TO STDOUT", text);
        List<List<String>> lines = text.toString().lines().map(List::of).toList();
        return new Rows(List.of(new Column(table, 25)), lines, lines.size());
    }

    private static void copyIn(Connection connection, RegressData.TableRows table) throws Exception {
        long rows = connection.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("COPY " + table.table() + " FROM STDIN", new StringReader(table.copyText()));
        if (rows != table.rowCount()) {
            throw new IllegalStateException("COPY " + table.table() + " loaded " + rows + " of " + table.rowCount());
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (var statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** The statements of a setup script: split at semicolons ending a line, comment-only chunks dropped. */
    private static List<String> statements(Path script) throws IOException {
        return Arrays.stream(Files.readString(script, StandardCharsets.UTF_8).split(";\\s*\\n"))
                .map(chunk -> chunk.lines().filter(line -> !line.strip().startsWith("--"))
                        .reduce("", (a, b) -> a + b + "\n").strip())
                .filter(chunk -> !chunk.isEmpty())
                .toList();
    }

    private static Path corpusDirectory() {
        String configured = System.getProperty("distgres.regress.dir");
        if (configured != null) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("sql").resolve("regress");
            if (Files.exists(candidate.resolve("schema.sql"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("sql/regress not found above " + Path.of("").toAbsolutePath()
                + "; set -Ddistgres.regress.dir");
    }
}
