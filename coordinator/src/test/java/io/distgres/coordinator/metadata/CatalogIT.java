package io.distgres.coordinator.metadata;

import static io.distgres.coordinator.testing.SqlRows.column;
import static io.distgres.coordinator.testing.SqlRows.joined;
import static org.assertj.core.api.Assertions.assertThat;

import io.distgres.coordinator.testing.EmbeddedClusterExtension;
import io.distgres.coordinator.testing.Psql;
import java.net.URI;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The catalog as clients see it through the coordinator's front door of an embedded cluster. */
class CatalogIT {
    @RegisterExtension
    static EmbeddedClusterExtension cluster = EmbeddedClusterExtension.cluster();

    @Test
    void citusNodesListsTheWorkersPostgresAddresses() throws Exception {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < cluster.workerPostgresJdbcUrls().size(); i++) {
            int port = URI.create(cluster.workerPostgresJdbcUrls().get(i).substring("jdbc:".length())).getPort();
            expected.add((i + 1) + "|127.0.0.1|" + port + "|primary|t");
        }
        assertThat(expected).hasSize(2);

        assertThat(joined(cluster.jdbcUrl(), "SELECT nodeid, nodename, nodeport, role, active FROM citus_nodes"))
                .containsExactlyElementsOf(expected);
    }

    @Test
    void tableAndShardViewsExistAndAreEmpty() throws Exception {
        for (String view : List.of("citus_tables", "citus_shards", "dist_shard")) {
            assertThat(column(cluster.jdbcUrl(), "SELECT count(*) FROM " + view)).as(view).containsExactly("0");
        }
    }

    @Test
    void driverMetadataDescribesTheViews() throws Exception {
        try (Connection c = DriverManager.getConnection(cluster.jdbcUrl())) {
            DatabaseMetaData metadata = c.getMetaData();
            List<String> views = new ArrayList<>();
            try (ResultSet rs = metadata.getTables(null, "distgres_api", "%", new String[] {"VIEW"})) {
                while (rs.next()) {
                    views.add(rs.getString("TABLE_NAME"));
                }
            }
            assertThat(views).containsExactlyInAnyOrder("citus_tables", "citus_shards", "citus_nodes", "dist_shard");

            assertThat(columns(metadata, "citus_tables")).containsExactly("table_name regclass",
                    "citus_table_type text", "distribution_column text", "colocation_id int4", "shard_count int4");
            assertThat(columns(metadata, "citus_shards")).containsExactly("table_name regclass", "shardid int8",
                    "shard_name text", "citus_table_type text", "colocation_id int4", "nodename text",
                    "nodeport int4", "shard_size int8");
            assertThat(columns(metadata, "citus_nodes")).containsExactly("nodeid int4", "nodename text",
                    "nodeport int4", "role text", "active bool");
            assertThat(columns(metadata, "dist_shard")).containsExactly("shardid int8", "table_name regclass",
                    "shardminvalue text", "shardmaxvalue text");
        }
    }

    @Test
    void psqlDescribesCitusTablesUnqualified() throws Exception {
        String output = Psql.run(Map.of(), List.of("-c", "\\d citus_tables", cluster.connectionString()));

        assertThat(output).contains("View \"distgres_api.citus_tables\"")
                .containsPattern("table_name\\s+\\|\\s+regclass")
                .containsPattern("distribution_column\\s+\\|\\s+text");
    }

    private static List<String> columns(DatabaseMetaData metadata, String view) throws Exception {
        List<String> columns = new ArrayList<>();
        try (ResultSet rs = metadata.getColumns(null, "distgres_api", view, "%")) {
            while (rs.next()) {
                columns.add(rs.getString("COLUMN_NAME") + " " + rs.getString("TYPE_NAME"));
            }
        }
        return columns;
    }
}
