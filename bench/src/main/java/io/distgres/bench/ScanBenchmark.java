package io.distgres.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Queries that read every account: the full-scan aggregate and a GROUP BY, through pgjdbc.
 * Reported as rows scanned per second; a distgres answer that differs from PostgreSQL's is
 * reported as an error, never as a speed.
 */
final class ScanBenchmark {
    static final String AGGREGATE = "SELECT count(*), sum(abalance) FROM pgbench_accounts";
    static final String GROUP_BY = "SELECT bid, count(*), sum(abalance) FROM pgbench_accounts GROUP BY bid ORDER BY bid";

    /** One execution: its time, the JVM's CPU during it, the rows it returned as text, or its error. */
    record Sample(double seconds, long cpuNanos, String answer, Optional<String> error) {
    }

    private final List<Comparison> comparisons = new ArrayList<>();

    void run(BenchOptions options, Target direct, Target distgres, java.util.function.Consumer<String> progress)
            throws Exception {
        measure("full-scan aggregate", AGGREGATE, options, direct, distgres, progress);
        measure("GROUP BY bid", GROUP_BY, options, direct, distgres, progress);
    }

    List<Comparison> comparisons() {
        return List.copyOf(comparisons);
    }

    private void measure(String name, String sql, BenchOptions options, Target direct, Target distgres,
                         java.util.function.Consumer<String> progress) throws Exception {
        progress.accept("running " + name + ": " + sql);
        Alternation.Results<Sample> results = Alternation.run(options.rounds(), direct, distgres,
                target -> execute(target, sql), sample -> sample.error().isPresent());
        Optional<String> directError = results.direct().stream().map(Sample::error).flatMap(Optional::stream).findFirst();
        Optional<String> distgresError = results.distgres().stream().map(Sample::error).flatMap(Optional::stream).findFirst();
        if (distgresError.isEmpty() && directError.isEmpty()) {
            String expected = results.direct().get(0).answer();
            distgresError = results.distgres().stream().map(Sample::answer).filter(a -> !a.equals(expected)).findFirst()
                    .map(wrong -> "wrong result: distgres returned " + abbreviate(wrong) + ", PostgreSQL " + abbreviate(expected));
        }
        double rows = options.accounts();
        String label = name + " (" + String.format(java.util.Locale.ROOT, "%,d", options.accounts()) + " rows)";
        comparisons.add(new Comparison(label, "rows scanned per second", "", Comparison.Better.HIGHER,
                ok(results.direct()).stream().map(s -> rows / s.seconds()).toList(),
                ok(results.distgres()).stream().map(s -> rows / s.seconds()).toList(), directError, distgresError));
        comparisons.add(new Comparison(label, "query time", "ms", Comparison.Better.LOWER,
                ok(results.direct()).stream().map(s -> s.seconds() * 1000).toList(),
                ok(results.distgres()).stream().map(s -> s.seconds() * 1000).toList(), directError, distgresError));
        comparisons.add(new Comparison(label, "distgres JVM CPU per query", "ms", Comparison.Better.LOWER, List.of(),
                ok(results.distgres()).stream().map(s -> s.cpuNanos() / 1e6).toList(), Optional.empty(), distgresError));
        progress.accept(name + ": " + ResultTable.table(comparisons.subList(comparisons.size() - 3, comparisons.size())));
    }

    private static List<Sample> ok(List<Sample> samples) {
        return samples.stream().filter(s -> s.error().isEmpty()).toList();
    }

    private static Sample execute(Target target, String sql) {
        try (Connection c = DriverManager.getConnection(target.jdbcUrl()); Statement s = c.createStatement()) {
            long cpuBefore = JvmCpu.processCpuNanos();
            long begin = System.nanoTime();
            StringBuilder answer = new StringBuilder();
            try (ResultSet rs = s.executeQuery(sql)) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    for (int i = 1; i <= columns; i++) {
                        answer.append(i == 1 ? "" : ",").append(rs.getString(i));
                    }
                    answer.append(';');
                }
            }
            double seconds = (System.nanoTime() - begin) / 1e9;
            return new Sample(seconds, JvmCpu.processCpuNanos() - cpuBefore, answer.toString(), Optional.empty());
        } catch (SQLException e) {
            return new Sample(0, 0, "", Optional.of(e.getSQLState() + ": " + e.getMessage()));
        }
    }

    private static String abbreviate(String answer) {
        return answer.length() <= 60 ? "'" + answer + "'" : "'" + answer.substring(0, 57) + "...'";
    }
}
