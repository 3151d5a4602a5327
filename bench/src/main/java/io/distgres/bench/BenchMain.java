package io.distgres.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * {@code bench/run}: starts a distgres cluster (in this JVM) and a plain PostgreSQL side by side,
 * loads pgbench's data into both, measures, and writes {@code results.md} and {@code pgbench-tps.png}.
 */
public final class BenchMain {
    static final String SELECT_ONLY = "pgbench -S";
    static final String TPC_B = "pgbench TPC-B-like";
    static final String LOCAL_SELECT = "pgbench -S on a local table (passthrough)";
    static final String TRANSFER = "cross-node transfer (BEGIN; 2 UPDATEs on different workers; COMMIT)";
    static final int LOCAL_SELECT_CLIENTS = 16;
    static final int TRANSFER_CLIENTS = 8;
    private static final String LOCAL_TABLE = "local_accounts";
    /** Accounts a transfer picks from on each worker: enough that 8 clients rarely wait for each other's rows. */
    private static final int TRANSFER_ACCOUNTS_PER_WORKER = 256;

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Consumer<String> progress = line -> System.out.println("[bench] " + line);
        Path work = Files.createTempDirectory("distgres-bench-");
        try {
            run(options, work, progress);
        } finally {
            deleteRecursively(work);
        }
        // gRPC and Netty leave non-daemon threads behind for a moment; the report is written
        System.exit(0);
    }

    private static void run(BenchOptions options, Path work, Consumer<String> progress) throws Exception {
        Pgbench pgbench = new Pgbench(ClientTools.find("pgbench"), work.resolve("pgbench"));
        Psql psql = new Psql(ClientTools.find("psql"), work.resolve("psql"));
        PgbenchData data = new PgbenchData(Files.createDirectories(work.resolve("data")), options.scale(), psql);
        List<Comparison> comparisons = new ArrayList<>();
        List<PgbenchBenchmark.TpsPoint> points = new ArrayList<>();
        List<String> setup = new ArrayList<>();
        Instant started = Instant.now();
        try (DistgresCluster cluster = DistgresCluster.start(work.resolve("cluster"), progress);
             DirectPostgres postgres = DirectPostgres.start(Files.createDirectories(work.resolve("direct")),
                     work.resolve("direct.log"))) {
            Target direct = postgres.target();
            Target distgres = cluster.target();
            long begin = System.nanoTime();
            pgbench.initialize(direct, options.scale());
            progress.accept(String.format(Locale.ROOT, "direct PostgreSQL loaded by pgbench -i -s %d in %.1f s",
                    options.scale(), (System.nanoTime() - begin) / 1e9));
            begin = System.nanoTime();
            data.loadInto(cluster);
            progress.accept(String.format(Locale.ROOT, "distgres loaded (COPY through the coordinator) in %.1f s",
                    (System.nanoTime() - begin) / 1e9));
            setup.addAll(setup(options, direct, cluster.workerCount()));

            if (options.runs("select")) {
                PgbenchBenchmark selectOnly = new PgbenchBenchmark(SELECT_ONLY, List.of("-S"), pgbench);
                selectOnly.run(options, List.of("simple", "prepared"), direct, distgres, progress);
                comparisons.addAll(selectOnly.comparisons());
                points.addAll(selectOnly.points());
            }
            if (options.runs("local")) {
                data.loadLocalCopy(LOCAL_TABLE, direct, cluster);
                Path script = writeScript(work, "local-select.sql", PgbenchScripts.pointSelect(LOCAL_TABLE, options.accounts()));
                PgbenchBenchmark localSelect = new PgbenchBenchmark(LOCAL_SELECT, List.of("-f", script.toString()), pgbench);
                localSelect.run(options, List.of("simple", "prepared"), List.of(LOCAL_SELECT_CLIENTS),
                        PgbenchBenchmark.WarmUp.DISTGRES_ONLY, direct, distgres, progress);
                comparisons.addAll(localSelect.comparisons());
                setup.add("local table: " + LOCAL_TABLE + ", a copy of pgbench_accounts, is a plain table on both sides (on"
                        + " distgres not distributed: statements on it pass through to the coordinator's PostgreSQL);"
                        + " the script is -S's statement on it");
            }
            if (options.runs("scan")) {
                ScanBenchmark scans = new ScanBenchmark();
                scans.run(options, direct, distgres, progress);
                comparisons.addAll(scans.comparisons());
            }
            if (options.runs("relay")) {
                comparisons.addAll(new RelayBenchmark(psql, work.resolve("relay")).run(options, data, direct, cluster, progress));
            }
            if (options.runs("copy")) {
                comparisons.addAll(new CopyIngestBenchmark(psql).run(options, data.accountsFile(), direct, distgres, progress));
            }
            if (options.runs("tpcb")) {
                // last: it changes balances, which the scans compare between the sides
                PgbenchBenchmark tpcb = new PgbenchBenchmark(TPC_B, List.of(), pgbench);
                tpcb.run(options, List.of("simple"), direct, distgres, progress);
                comparisons.addAll(tpcb.comparisons());
            }
            if (options.runs("transfer")) {
                CrossNodeAccounts accounts = CrossNodeAccounts.find(cluster, TRANSFER_ACCOUNTS_PER_WORKER);
                Path script = writeScript(work, "transfer.sql", PgbenchScripts.transfer(accounts.first(), accounts.second()));
                PgbenchBenchmark transfer = new PgbenchBenchmark(TRANSFER, List.of("-f", script.toString()), pgbench);
                transfer.run(options, List.of("simple"), List.of(TRANSFER_CLIENTS), PgbenchBenchmark.WarmUp.DISTGRES_ONLY,
                        direct, distgres, progress);
                comparisons.addAll(transfer.comparisons());
                setup.add(String.format(Locale.ROOT, "cross-node transfer: debits one of %d accounts stored on %s and credits"
                        + " one of %d stored on %s (read from the workers' shards, checked against the coordinator's"
                        + " routing), so every distgres commit is a two-phase commit across both; the direct side runs"
                        + " the same script", accounts.first().size(), accounts.firstWorker(), accounts.second().size(),
                        accounts.secondWorker()));
            }
        }
        setup.add(String.format(Locale.ROOT, "started %s, took %d s", started.truncatedTo(ChronoUnit.SECONDS),
                ChronoUnit.SECONDS.between(started, Instant.now())));
        writeReport(options, setup, comparisons, points, progress);
    }

    private static List<String> setup(BenchOptions options, Target direct, int workers) throws IOException, SQLException {
        List<String> lines = new ArrayList<>();
        lines.add("machine: " + Runtime.getRuntime().availableProcessors() + " cores (" + cpuModel() + "), "
                + System.getProperty("os.name") + " " + System.getProperty("os.version") + ", Java "
                + System.getProperty("java.version") + "; everything (both servers, distgres, pgbench) shares these cores");
        try (Connection c = DriverManager.getConnection(direct.jdbcUrl());
             ResultSet rs = c.createStatement().executeQuery("SHOW server_version")) {
            rs.next();
            lines.add("direct: one embedded PostgreSQL " + rs.getString(1) + " (fsync off); distgres: embedded cluster"
                    + " with " + workers + " workers (coordinator and worker agents in the benchmark JVM), same binaries");
        }
        lines.add(String.format(Locale.ROOT, "scale %d (%,d accounts, 32 shards), runs of %d s, %d alternating runs per side;"
                + " values are medians, ratio = distgres ÷ direct", options.scale(), options.accounts(), options.seconds(),
                options.rounds()));
        return lines;
    }

    private static String cpuModel() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).strip())
                    .findFirst().orElse("unknown CPU");
        } catch (IOException | java.io.UncheckedIOException e) {
            return "unknown CPU";
        }
    }

    private static void writeReport(BenchOptions options, List<String> setup, List<Comparison> comparisons,
                                    List<PgbenchBenchmark.TpsPoint> points, Consumer<String> progress) throws IOException {
        List<Goal> goals = IssueGoals.reached(comparisons);
        String report = ResultTable.render("distgres vs PostgreSQL", setup, comparisons, goals);
        Files.createDirectories(options.results());
        Path markdown = options.results().resolve("results.md");
        Files.writeString(markdown, report, StandardCharsets.UTF_8);
        Path chart = options.results().resolve("pgbench-tps.png");
        TpsChart.write(chart, "pgbench -S: TPS by clients (scale " + options.scale() + ")", chartSeries(points));
        System.out.println();
        System.out.println(report);
        progress.accept("wrote " + markdown + " and " + chart);
    }

    static List<TpsChart.Series> chartSeries(List<PgbenchBenchmark.TpsPoint> points) {
        List<TpsChart.Series> series = new ArrayList<>();
        for (String mode : points.stream().map(PgbenchBenchmark.TpsPoint::mode).distinct().toList()) {
            List<PgbenchBenchmark.TpsPoint> ofMode = points.stream().filter(p -> p.mode().equals(mode))
                    .sorted(Comparator.comparingInt(PgbenchBenchmark.TpsPoint::clients)).toList();
            series.add(new TpsChart.Series("direct, " + mode, true, ofMode.stream().filter(p -> p.direct().isPresent())
                    .map(p -> new TpsChart.Point(p.clients(), p.direct().getAsDouble())).toList()));
            series.add(new TpsChart.Series("distgres, " + mode, false, ofMode.stream().filter(p -> p.distgres().isPresent())
                    .map(p -> new TpsChart.Point(p.clients(), p.distgres().getAsDouble())).toList()));
        }
        return series;
    }

    private static Path writeScript(Path work, String name, String text) throws IOException {
        return Files.writeString(Files.createDirectories(work.resolve("scripts")).resolve(name), text, StandardCharsets.UTF_8);
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
