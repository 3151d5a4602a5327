package io.distgres.bench.jmh;

import io.distgres.planner.catalog.RoutedTable;
import io.distgres.planner.catalog.RoutingCatalog;
import io.distgres.planner.hashing.DistributionType;
import io.distgres.planner.hashing.HashRange;
import io.distgres.planner.hashing.ShardRanges;
import io.distgres.planner.plan.PlanningOutcome;
import io.distgres.planner.tier.DistributedPlanner;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The planner's fast path: {@link DistributedPlanner#plan} of pgbench's point select on a table of
 * 32 shards, as a prepared statement (same text, bound key) and as simple-protocol text with the
 * key inline (a new text for every key, as pgbench -M simple sends).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DistributedPlannerBenchmark {
    private static final String PREPARED = "SELECT abalance FROM pgbench_accounts WHERE aid = $1";
    private static final int SHARDS = 32;

    private DistributedPlanner planner;
    private RoutingCatalog catalog;
    private List<String> parameters;
    private int key;

    @Setup
    public void setUp() {
        planner = new DistributedPlanner();
        List<RoutedTable.Shard> shards = new ArrayList<>();
        List<HashRange> ranges = ShardRanges.split(SHARDS);
        for (int i = 0; i < SHARDS; i++) {
            shards.add(new RoutedTable.Shard(102008 + i, ranges.get(i), List.of(i % 2 + 1)));
        }
        RoutedTable accounts = new RoutedTable("public", "pgbench_accounts", false, "aid", DistributionType.INTEGER,
                1, shards);
        catalog = new RoutingCatalog() {
            @Override
            public Optional<RoutedTable> table(List<String> name) {
                return name.get(name.size() - 1).equals("pgbench_accounts") ? Optional.of(accounts) : Optional.empty();
            }

            @Override
            public List<ColumnInfo> columns(RoutedTable table) {
                return List.of();
            }

            @Override
            public List<String> nextValues(String defaultExpression, int count) {
                throw new UnsupportedOperationException("point selects use no sequences");
            }
        };
        parameters = List.of("4711");
    }

    @Benchmark
    public PlanningOutcome preparedPointSelect() {
        return planner.plan(PREPARED, parameters, catalog);
    }

    @Benchmark
    public PlanningOutcome simplePointSelect() {
        key = key % 1_000_000 + 1;
        return planner.plan("SELECT abalance FROM pgbench_accounts WHERE aid = " + key + ";", List.of(), catalog);
    }
}
