package io.distgres.planner.harness;

import io.distgres.planner.catalog.RoutedTable;
import io.distgres.planner.catalog.RoutingCatalog;
import io.distgres.planner.plan.CombineStep;
import io.distgres.planner.plan.CoordinatorPlan;
import io.distgres.planner.plan.DistributedPlan;
import io.distgres.planner.plan.InsertSelectPlan;
import io.distgres.planner.plan.MultiShardPlan;
import io.distgres.planner.plan.PlanningOutcome;
import io.distgres.planner.plan.RouterPlan;
import io.distgres.planner.plan.Task;
import io.distgres.planner.plan.Tier;
import io.distgres.planner.render.CombineColumns;
import io.distgres.planner.render.CombineSqlRenderer;
import io.distgres.planner.render.RenderedSql;
import io.distgres.planner.tier.DistributedPlanner;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** The API-specific half of the harness (old API). */
final class Snapshotter {
    private static final Pattern TOKEN = Pattern.compile(
            "__dg(INTERMEDIATE|VISIBLE|h(\\d+)|cast(\\d+)|avg(\\d+)_(\\d+)|out(\\d+)|arr(\\d+))");
    private final DistributedPlanner planner = new DistributedPlanner();
    private final RoutingCatalog catalog;

    Snapshotter(Map<String, PlanSnapshotHarness.Table> tables) {
        Map<String, RoutedTable> routed = new java.util.HashMap<>();
        long id = 1000;
        for (PlanSnapshotHarness.Table t : tables.values()) {
            List<RoutedTable.Shard> shards = new ArrayList<>();
            for (int i = 0; i < t.shards(); i++) {
                shards.add(new RoutedTable.Shard(id++, t.reference() ? null : PlanSnapshotHarness.ranges(t.shards()).get(i),
                        t.reference() ? List.of(1, 2) : List.of(i % 2 + 1)));
            }
            routed.put(t.name(), new RoutedTable("public", t.name(), t.reference(), t.distColumn(), t.type(),
                    t.colocation(), shards));
        }
        catalog = new RoutingCatalog() {
            @Override
            public Optional<RoutedTable> table(List<String> name) {
                return Optional.ofNullable(routed.get(name.get(name.size() - 1)));
            }

            @Override
            public List<ColumnInfo> columns(RoutedTable table) {
                return tables.get(table.name()).columns().stream().map(c -> new ColumnInfo(c,
                        c.equals("id") ? "nextval('s')" : null)).toList();
            }

            @Override
            public List<String> nextValues(String defaultExpression, int count) {
                List<String> v = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    v.add(Integer.toString(500 + i));
                }
                return v;
            }

            @Override
            public String timeZone() {
                return "America/New_York";
            }
        };
    }

    String describe(String sql, List<String> parameters) {
        PlanningOutcome outcome = planner.plan(sql, parameters, catalog);
        StringBuilder out = new StringBuilder();
        if (outcome instanceof PlanningOutcome.Local) {
            return "LOCAL\n";
        }
        if (outcome instanceof PlanningOutcome.NotApplicable n) {
            return "DECLINED " + n.reason() + "\n";
        }
        DistributedPlan plan = ((PlanningOutcome.Planned) outcome).plan();
        if (plan instanceof RouterPlan p) {
            String label = p.tier() == Tier.FAST_PATH ? "router" : p.placements() == RouterPlan.Placements.SHARD_GROUPS
                    ? "router" : p.replicated() ? "router (reference table, every placement)" : "router (reference table)";
            out.append("ROUTER ").append(label).append(" writes=").append(p.writes()).append(" replicated=")
                    .append(p.replicated()).append('\n');
            if (p.tier() == Tier.FAST_PATH) {
                out.append("FASTPATH\n");
            }
            tasks(out, p.tasks());
        } else if (plan instanceof InsertSelectPlan i) {
            out.append("INSERTSELECT InsertSelect[schema=").append(i.schema()).append(", table=").append(i.table())
                    .append(", columns=").append(i.columns()).append(", query=").append(i.query())
                    .append(", distributedSource=").append(i.distributedSource()).append("]\n");
        } else if (plan instanceof MultiShardPlan m) {
            String label = switch (m.operation()) {
                case MODIFICATION -> "multi-shard modification";
                case INSERT_SELECT -> "multi-shard INSERT ... SELECT (co-located)";
                case SELECT -> m.combine() instanceof CombineStep.Aggregate a
                        ? (a.inputs() == CombineStep.Aggregate.Inputs.PARTIAL_AGGREGATES
                        ? "multi-shard pushdown (partial aggregates)" : "multi-shard pushdown (rows pulled for aggregates)")
                        : "multi-shard pushdown";
            };
            out.append("MULTISHARD ").append(label).append(" writes=").append(m.writes()).append('\n');
            tasks(out, m.tasks());
            if (m.combine() instanceof CombineStep.Concatenate c) {
                out.append("  concatenate ").append(c.limit()).append(' ').append(c.offset()).append('\n');
            } else {
                out.append("  combine describe=").append(m.combine() instanceof CombineStep.Aggregate).append('\n');
                try {
                    RenderedSql t = CombineSqlRenderer.combineQuery(m.combine(), COLUMNS, parameters);
                    out.append("  ").append(t.sql()).append("\n  ").append(t.parameters()).append('\n');
                } catch (RuntimeException e) {
                    out.append("  combine error ").append(e.getMessage()).append('\n');
                }
                out.append("  explain ").append(CombineSqlRenderer.explain(m.combine())).append('\n');
            }
        } else if (plan instanceof CoordinatorPlan c) {
            out.append("COORDINATOR\n");
            for (CoordinatorPlan.Pull pull : c.pulls()) {
                out.append(" pull ").append(pull.rowType()).append('\n');
                tasks(out, pull.tasks());
            }
            RenderedSql r = CombineSqlRenderer.coordinatorQuery(c, parameters);
            out.append("  ").append(r.sql()).append("\n  ").append(r.parameters()).append('\n');
            out.append("  explain ").append(CombineSqlRenderer.explain(c)).append('\n');
        }
        return out.toString();
    }

    private static final CombineColumns COLUMNS = new CombineColumns() {
        @Override
        public int gatheredCount() {
            return PlanSnapshotHarness.GATHERED;
        }

        @Override
        public String gatheredName(int column) {
            return PlanSnapshotHarness.columnName(column);
        }

        @Override
        public String gatheredTypeName(int column) {
            return PlanSnapshotHarness.typeName(column);
        }

        @Override
        public int gatheredTypeOid(int column) {
            return PlanSnapshotHarness.typeOid(column);
        }

        @Override
        public String outputTypeName(int column) {
            return "o" + column;
        }

        @Override
        public String outputName(int column) {
            return "out" + column;
        }
    };

    private static void tasks(StringBuilder out, List<Task> tasks) {
        for (Task t : tasks) {
            out.append("  task ").append(t.nodeId()).append(" | ").append(t.sql()).append(" | ").append(t.parameters())
                    .append('\n');
        }
    }

}
