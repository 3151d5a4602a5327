package io.distgres.coordinator.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.distgres.coordinator.testing.EmbeddedClusterExtension;
import io.distgres.coordinator.testing.Psql;
import io.distgres.coordinator.testing.SqlRows;
import io.distgres.coordinator.testing.SqlStatements;
import io.distgres.planner.plan.Tier;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.util.PSQLException;

/**
 * EXPLAIN of statements on distributed tables through pgjdbc and psql: the distributed plan's
 * shape with shard ids, node names and ports normalized, the worker's own plan under the first
 * task, EXPLAIN ANALYZE running the statement, and local statements left to PostgreSQL.
 */
class DistributedExplainIT {
    @RegisterExtension
    static final EmbeddedClusterExtension cluster = EmbeddedClusterExtension.cluster();

    @BeforeAll
    static void schema() throws SQLException {
        SqlStatements.execute(cluster.jdbcUrl(),
                "CREATE TABLE events (id bigint PRIMARY KEY, kind text)",
                "SELECT create_distributed_table('events', 'id')",
                "CREATE TABLE kinds (kind text PRIMARY KEY, label text)",
                "SELECT create_reference_table('kinds')",
                "CREATE TABLE notes (id int, body text)",
                "INSERT INTO events VALUES (1, 'a'), (2, 'b'), (3, 'a'), (7, 'c')");
    }

    @Test
    void pointSelectPlanShowsTierTaskNodeQueryAndTheWorkerPlan() throws SQLException {
        List<String> plan = normalized(explain("EXPLAIN (COSTS OFF) SELECT kind FROM events WHERE id = 5"));
        assertThat(plan.subList(0, 7)).containsExactly(
                "Custom Scan (distgres Adaptive)",
                "  Tier: " + Tier.FAST_PATH.displayName(),
                "  Task Count: 1",
                "  Tasks Shown: All",
                "  ->  Task",
                "        Node: NODE host=127.0.0.1 port=N",
                "        Query: SELECT kind FROM \"public\".\"events_N\" AS \"events\" WHERE id = N");
        assertThat(plan.get(7)).startsWith("        ->  ").contains("Scan").contains("events_N");
        assertThat(plan.subList(8, plan.size())).anyMatch(l -> l.startsWith("              ")
                && l.contains("(id = N)"));
    }

    @Test
    void everyTaskIsListedAndOnlyTheFirstCarriesAWorkerPlan() throws SQLException {
        List<String> plan = normalized(explain("EXPLAIN (COSTS OFF) SELECT * FROM events WHERE id IN (1, 2, 3, 7)"));
        int tasks = Integer.parseInt(plan.get(2).replaceAll("\\D", ""));
        assertThat(tasks).isGreaterThan(1);
        assertThat(plan.get(3)).isEqualTo("  Tasks Shown: All, with the worker plan of the first");
        assertThat(plan).filteredOn(l -> l.equals("  ->  Task")).hasSize(tasks);
        assertThat(plan).filteredOn(l -> l.startsWith("        Query: SELECT * FROM \"public\".\"events_N\"")).hasSize(tasks);
        assertThat(plan).filteredOn(l -> l.startsWith("        ->  ")).hasSize(1);
    }

    @Test
    void parametersOfTheExtendedProtocolReachTheWorkerPlan() throws SQLException {
        try (Connection c = DriverManager.getConnection(cluster.jdbcUrl());
             PreparedStatement ps = c.prepareStatement("EXPLAIN (COSTS OFF) SELECT * FROM events WHERE id = ?")) {
            ps.setLong(1, 3);
            List<String> plan = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.getMetaData().getColumnName(1)).isEqualTo("QUERY PLAN");
                while (rs.next()) {
                    plan.add(rs.getString(1));
                }
            }
            assertThat(plan).contains("        Parameters: $1 = '3'");
            assertThat(plan).anyMatch(l -> l.contains("(id = '3'::bigint)") || l.contains("(id = 3)"));
        }
    }

    @Test
    void analyzeRunsEveryTaskAndReportsItsRows() throws SQLException {
        List<String> plan = normalized(explain(
                "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT * FROM events WHERE id IN (1, 7)"));
        assertThat(plan).filteredOn(l -> l.startsWith("        Rows: 1  Time: ") && l.endsWith(" ms")).hasSize(2);
        assertThat(plan).anyMatch(l -> l.startsWith("        ->  ") && l.contains("actual rows=1"));
        assertThat(plan).noneMatch(l -> l.startsWith("Execution Time"));
        assertThat(explain("EXPLAIN ANALYZE SELECT * FROM events WHERE id = 1"))
                .last().asString().startsWith("Execution Time: ");
    }

    @Test
    void analyzeOfAWriteRunsItAndPlainExplainDoesNot() throws SQLException {
        explain("EXPLAIN INSERT INTO events VALUES (40, 'x')");
        assertThat(SqlRows.column(cluster.jdbcUrl(), "SELECT id FROM events WHERE id = 40")).isEmpty();
        List<String> plan = normalized(explain("EXPLAIN (ANALYZE, COSTS OFF) INSERT INTO events VALUES (40, 'x')"));
        assertThat(plan.get(1)).isEqualTo("  Tier: " + Tier.ROUTER.displayName());
        assertThat(plan).anyMatch(l -> l.startsWith("        ->  Insert on events_N"));
        assertThat(SqlRows.column(cluster.jdbcUrl(), "SELECT kind FROM events WHERE id = 40")).containsExactly("x");
    }

    @Test
    void insertSelectShowsTheCoordinatorsPlanOfItsQuery() throws SQLException {
        List<String> plan = explain(
                "EXPLAIN (COSTS OFF) INSERT INTO events SELECT g, 'gen' FROM generate_series(100, 102) g");
        assertThat(plan.subList(0, 5)).containsExactly(
                "Custom Scan (distgres Adaptive)",
                "  Tier: insert ... select through the coordinator",
                "  Target: public.events",
                "  ->  Coordinator Query",
                "        Query: SELECT g, 'gen' FROM generate_series(100, 102) g");
        assertThat(plan.get(5)).isEqualTo("        ->  Function Scan on generate_series g");
        assertThat(SqlRows.column(cluster.jdbcUrl(), "SELECT id FROM events WHERE id IN (100, 101, 102)")).isEmpty();
        List<String> analyzed = explain(
                "EXPLAIN (ANALYZE, COSTS OFF) INSERT INTO events SELECT g, 'gen' FROM generate_series(100, 102) g");
        assertThat(analyzed).contains("  Rows Loaded: 3");
        assertThat(SqlRows.column(cluster.jdbcUrl(), "SELECT kind FROM events WHERE id IN (100, 101, 102)"))
                .containsExactly("gen", "gen", "gen");
    }

    @Test
    void insertSelectReadingADistributedTableShowsItsDistributedPlanNotTheShells() throws SQLException {
        SqlStatements.execute(cluster.jdbcUrl(), "CREATE TABLE by_kind (id bigint, kind text)",
                "SELECT create_distributed_table('by_kind', 'kind', colocate_with => 'none')");
        List<String> plan = normalized(explain("EXPLAIN (COSTS OFF) INSERT INTO by_kind SELECT id, kind FROM events"));
        assertThat(plan).contains("  Tier: insert ... select through the coordinator", "  ->  Source Query",
                "        Query: SELECT id, kind FROM events", "        Tier: " + Tier.MULTI_SHARD.displayName());
        assertThat(plan).noneMatch(line -> line.endsWith("Seq Scan on events"));
    }

    @Test
    void referenceTableReadUsesOnePlacement() throws SQLException {
        List<String> plan = normalized(explain("EXPLAIN (COSTS OFF) SELECT * FROM kinds"));
        assertThat(plan.subList(0, 3)).containsExactly("Custom Scan (distgres Adaptive)",
                "  Tier: " + Tier.ROUTER.displayName() + " (reference table)", "  Task Count: 1");
        assertThat(plan).contains("        ->  Seq Scan on kinds_N kinds");
    }

    @Test
    void multiShardPlanShowsItsCombineStepAndEveryShard() throws SQLException {
        List<String> plan = normalized(explain("EXPLAIN (COSTS OFF) SELECT count(*) FROM events"));
        assertThat(plan.get(0)).isEqualTo("Custom Scan (distgres Adaptive)");
        assertThat(plan.get(1)).startsWith("  Tier: " + Tier.MULTI_SHARD.displayName());
        assertThat(plan).anyMatch(l -> l.startsWith("  Combine: "));
        int tasks = plan.stream().filter(l -> l.startsWith("  Task Count: ")).findFirst()
                .map(l -> Integer.parseInt(l.replaceAll("\\D", ""))).orElseThrow();
        assertThat(tasks).isEqualTo(32);
        assertThat(plan).filteredOn(l -> l.equals("  ->  Task")).hasSize(tasks);
        assertThat(plan).filteredOn(l -> l.startsWith("        ->  ")).hasSize(1);
    }

    @Test
    void coordinatorPlanShowsTheQueryAndItsPulls() throws SQLException {
        List<String> plan = normalized(explain(
                "EXPLAIN (COSTS OFF) SELECT e.id, n.body FROM events e JOIN notes n ON n.id = e.id"));
        assertThat(plan.subList(0, 2)).containsExactly("Custom Scan (distgres Adaptive)",
                "  Tier: " + Tier.COORDINATOR.displayName());
        assertThat(plan.get(2)).startsWith("  Coordinator Query: ");
        assertThat(plan).anyMatch(l -> l.startsWith("  ->  Pull ") && l.contains("events"));
    }

    @Test
    void otherFormatsFailWith0A000NamingThem() {
        assertThatThrownBy(() -> explain("EXPLAIN (FORMAT JSON) SELECT * FROM events WHERE id = 1"))
                .isInstanceOfSatisfying(PSQLException.class, e -> {
                    assertThat(e.getSQLState()).isEqualTo("0A000");
                    assertThat(e.getServerErrorMessage().getMessage()).contains("FORMAT JSON");
                });
        assertThatThrownBy(() -> explain("EXPLAIN (GENERIC_PLAN) SELECT * FROM events WHERE id = 1"))
                .isInstanceOfSatisfying(PSQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("0A000"));
    }

    @Test
    void explainOfALocalTableIsPostgresOwn() throws SQLException {
        assertThat(explain("EXPLAIN (COSTS OFF) SELECT * FROM notes")).containsExactly("Seq Scan on notes");
    }

    @Test
    void psqlShowsTheQueryPlanColumn() throws Exception {
        String output = Psql.run(Map.of(), List.of("-h", "127.0.0.1", "-p", Integer.toString(cluster.port()), "-U",
                "postgres", "-v", "ON_ERROR_STOP=1", "-c", "EXPLAIN (COSTS OFF) SELECT * FROM events WHERE id = 2"));
        assertThat(output).contains("QUERY PLAN").contains("Custom Scan (distgres Adaptive)")
                .contains("Tier: " + Tier.FAST_PATH.displayName()).containsPattern("\\(\\d+ rows\\)");
    }

    private static List<String> explain(String sql) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(cluster.jdbcUrl()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                lines.add(rs.getString(1));
            }
        }
        return lines;
    }

    /** Shard ids, ports, node names and literal numbers made stable across runs. */
    private static List<String> normalized(List<String> lines) {
        return lines.stream().map(l -> l.replaceAll("_\\d{6,}", "_N").replaceAll("port=\\d+", "port=N")
                .replaceAll("Node: \\S+", "Node: NODE").replaceAll("id = \\d+", "id = N")).toList();
    }
}
