package io.distgres.coordinator.metadata;

import static io.distgres.coordinator.testing.SqlRows.joined;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.distgres.coordinator.config.WorkerEndpoint;
import io.distgres.coordinator.testing.EmbeddedClusterExtension;
import io.distgres.coordinator.testing.FreshDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A catalog holding one hash-distributed and one reference table, written directly as
 * {@code create_distributed_table} will write it: the views show it as Citus does, and the
 * reader's snapshot carries the same shards and placements.
 */
class CatalogReaderIT {
    @RegisterExtension
    static EmbeddedClusterExtension cluster = EmbeddedClusterExtension.postgresOnly().withWorkers(1);

    private static String url;
    private static DataSource dataSource;

    @BeforeAll
    static void setUp() throws Exception {
        url = new FreshDatabases(cluster.coordinatorPostgresJdbcUrl()).create("reader");
        dataSource = FreshDatabases.dataSource(url);
        new CatalogMigrator(dataSource, CatalogScripts.fromClasspath()).migrate();
        new NodeRegistry(dataSource).register(List.of(
                new WorkerEndpoint("worker-1", "127.0.0.1", 7001, "10.0.0.1", 5432),
                new WorkerEndpoint("worker-2", "127.0.0.1", 7002, "10.0.0.2", 5432)));
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("""
                    INSERT INTO distgres.dist_node (name, host, port, agent_host, agent_port, role, primary_id)
                         VALUES ('worker-1-replica', '10.0.0.3', 5432, '127.0.0.1', 7001, 'replica', 1);
                    CREATE TABLE messages (user_id bigint, body text);
                    CREATE SCHEMA app;
                    CREATE TABLE app."Countries" (code text PRIMARY KEY);
                    INSERT INTO distgres.dist_colocation (shard_count, distribution_type) VALUES (2, 'bigint'), (1, NULL);
                    INSERT INTO distgres.dist_table VALUES ('messages', 'hash', 'user_id', 1, 2),
                                                           ('app."Countries"', 'reference', NULL, 2, 1);
                    INSERT INTO distgres.dist_shard (logicalrelid, hash_min, hash_max)
                         VALUES ('messages', -2147483648, -1), ('messages', 0, 2147483647), ('app."Countries"', NULL, NULL);
                    INSERT INTO distgres.dist_placement (shardid, nodeid)
                         VALUES (102008, 1), (102009, 2), (102010, 1), (102010, 2);
                    """);
        }
    }

    @Test
    void citusViewsShowTheTablesShardsAndPlacements() throws Exception {
        assertThat(joined(url, "SELECT * FROM citus_tables")).containsExactly(
                "messages|distributed|user_id|1|2",
                "app.\"Countries\"|reference|<none>|2|1");
        assertThat(joined(url, "SELECT * FROM citus_shards")).containsExactly(
                "messages|102008|messages_102008|distributed|1|10.0.0.1|5432|null",
                "messages|102009|messages_102009|distributed|1|10.0.0.2|5432|null",
                "app.\"Countries\"|102010|app.\"Countries_102010\"|reference|2|10.0.0.1|5432|null",
                "app.\"Countries\"|102010|app.\"Countries_102010\"|reference|2|10.0.0.2|5432|null");
        assertThat(joined(url, "SELECT * FROM dist_shard")).containsExactly(
                "102008|messages|-2147483648|-1",
                "102009|messages|0|2147483647",
                "102010|app.\"Countries\"|null|null");
    }

    @Test
    void snapshotCarriesTablesShardsAndPlacements() throws Exception {
        CatalogReader reader = new CatalogReader(dataSource);
        assertThat(reader.snapshot()).isEqualTo(CatalogSnapshot.EMPTY);

        CatalogSnapshot snapshot = reader.reload();

        assertThat(reader.snapshot()).isSameAs(snapshot);
        assertThat(snapshot.nodes()).extracting(DistNode::name, DistNode::role, DistNode::primaryId).containsExactly(
                tuple("worker-1", DistNode.Role.PRIMARY, OptionalInt.empty()),
                tuple("worker-2", DistNode.Role.PRIMARY, OptionalInt.empty()),
                tuple("worker-1-replica", DistNode.Role.REPLICA, OptionalInt.of(1)));
        DistTable messages = snapshot.table("public", "messages").orElseThrow();
        assertThat(messages.kind()).isEqualTo(DistTable.Kind.HASH);
        assertThat(messages.distributionColumn()).contains("user_id");
        assertThat(messages.shards()).extracting(DistShard::shardId, DistShard::hashRange).containsExactly(
                tuple(102008L, Optional.of(new DistShard.HashRange(Integer.MIN_VALUE, -1))),
                tuple(102009L, Optional.of(new DistShard.HashRange(0, Integer.MAX_VALUE))));
        assertThat(messages.shards().get(1).placements()).extracting(ShardPlacement::nodeId).containsExactly(2);

        DistTable countries = snapshot.table("app", "Countries").orElseThrow();
        assertThat(countries.kind()).isEqualTo(DistTable.Kind.REFERENCE);
        assertThat(countries.distributionColumn()).isEmpty();
        assertThat(countries.shards()).singleElement().satisfies(shard -> {
            assertThat(shard.hashRange()).isEmpty();
            assertThat(shard.placements()).extracting(ShardPlacement::nodeId).containsExactly(1, 2);
        });
        assertThat(snapshot.table(countries.relationId())).contains(countries);
    }
}
