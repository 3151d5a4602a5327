package io.distgres.coordinator.metadata;

import static io.distgres.coordinator.testing.SqlRows.joined;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.distgres.coordinator.CoordinatorServer;
import io.distgres.coordinator.config.CoordinatorConfig;
import io.distgres.coordinator.config.WorkerEndpoint;
import io.distgres.coordinator.testing.EmbeddedClusterExtension;
import io.distgres.coordinator.testing.FreshDatabases;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Worker registration on coordinator start: ids stay stable, addresses follow the configuration. */
class NodeRegistryIT {
    @RegisterExtension
    static EmbeddedClusterExtension cluster = EmbeddedClusterExtension.postgresOnly().withWorkers(1);

    private static FreshDatabases databases;

    @BeforeAll
    static void setUp() {
        databases = new FreshDatabases(cluster.coordinatorPostgresJdbcUrl());
    }

    @Test
    void registersOnceThenUpdatesAddressesKeepingIds() throws Exception {
        DataSource dataSource = FreshDatabases.dataSource(databases.create("registry"));
        new CatalogMigrator(dataSource, CatalogScripts.fromClasspath()).migrate();
        NodeRegistry registry = new NodeRegistry(dataSource);

        List<DistNode> first = registry.register(List.of(worker("worker-1", 5501, 7001), worker("worker-2", 5502, 7002)));
        assertThat(first).extracting(DistNode::nodeId, DistNode::name, DistNode::port, DistNode::agentPort)
                .containsExactly(tuple(1, "worker-1", 5501, 7001), tuple(2, "worker-2", 5502, 7002));
        assertThat(first).allMatch(n -> n.role() == DistNode.Role.PRIMARY && n.isActive() && n.primaryId().isEmpty());

        // the two workers swap PostgreSQL ports: legal thanks to the deferred (host, port) key
        List<DistNode> second = registry.register(List.of(worker("worker-1", 5502, 7011), worker("worker-2", 5501, 7002),
                worker("worker-3", 5503, 7003)));
        assertThat(second).extracting(DistNode::nodeId, DistNode::name, DistNode::port, DistNode::agentPort)
                .containsExactly(tuple(1, "worker-1", 5502, 7011), tuple(2, "worker-2", 5501, 7002),
                        tuple(3, "worker-3", 5503, 7003));

        // a worker left out of the configuration stays registered (it may hold placements)
        assertThat(registry.register(List.of(worker("worker-2", 5501, 7002)))).hasSize(3);
    }

    @Test
    void coordinatorsStartingTogetherRegisterEachWorkerOnce() throws Exception {
        DataSource dataSource = FreshDatabases.dataSource(databases.create("registry_race"));
        new CatalogMigrator(dataSource, CatalogScripts.fromClasspath()).migrate();
        List<WorkerEndpoint> workers = List.of(worker("worker-1", 5501, 7001), worker("worker-2", 5502, 7002));
        List<Callable<List<DistNode>>> starts = Collections.nCopies(4, () -> new NodeRegistry(dataSource).register(workers));
        ExecutorService pool = Executors.newFixedThreadPool(starts.size());
        try {
            for (Future<List<DistNode>> registered : pool.invokeAll(starts)) {
                assertThat(registered.get()).extracting(DistNode::nodeId).containsExactly(1, 2);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void nodeIdsSurviveACoordinatorRestart() throws Exception {
        String url = databases.create("restart");
        CoordinatorConfig config = CoordinatorConfig.defaults(url, "postgres",
                List.of(worker("worker-1", 5501, 7001), worker("worker-2", 5502, 7002))).withPort(0);
        try (CoordinatorServer first = new CoordinatorServer(config)) {
            first.start();
            assertThat(first.catalog().snapshot().nodes()).extracting(DistNode::nodeId).containsExactly(1, 2);
        }

        CoordinatorConfig moved = config.withWorkers(List.of(worker("worker-2", 6602, 7002), worker("worker-1", 5501, 7001)));
        try (CoordinatorServer second = new CoordinatorServer(moved)) {
            second.start();
            String frontDoor = "jdbc:postgresql://127.0.0.1:" + second.port() + url.substring(url.lastIndexOf('/'));
            assertThat(joined(frontDoor, "SELECT nodeid, nodename, nodeport, role, active FROM citus_nodes"))
                    .containsExactly("1|127.0.0.1|5501|primary|t", "2|127.0.0.1|6602|primary|t");
            assertThat(joined(url, "SELECT count(*) FROM distgres.schema_version")).containsExactly(Integer.toString(CatalogScripts.fromClasspath().size()));
        }
    }

    private static WorkerEndpoint worker(String name, int postgresPort, int agentPort) {
        return new WorkerEndpoint(name, "127.0.0.1", agentPort, "127.0.0.1", postgresPort);
    }
}
