package io.distgres.coordinator.metadata;

import static java.util.Objects.requireNonNull;

import io.distgres.coordinator.config.WorkerEndpoint;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the configured workers in {@code distgres.dist_node}, keyed by worker name.
 *
 * <p>The first start inserts them; later starts update their PostgreSQL and agent addresses if
 * the configuration moved them, keeping node ids (which placements refer to) stable. Role and
 * state are left alone: they belong to node operations, not to start-up. Nodes missing from the
 * configuration stay registered, since they may still hold placements; removing one is an
 * explicit operation.
 */
public final class NodeRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(NodeRegistry.class);
    // update-then-insert under a table lock rather than INSERT ... ON CONFLICT, which would burn
    // a nodeid from the sequence on every restart and leave ever-growing gaps
    private static final String LOCK = "LOCK TABLE distgres.dist_node IN SHARE ROW EXCLUSIVE MODE";
    private static final String UPDATE = """
            UPDATE distgres.dist_node
               SET host = ?, port = ?, agent_host = ?, agent_port = ?
             WHERE name = ?""";
    private static final String INSERT = """
            INSERT INTO distgres.dist_node (host, port, agent_host, agent_port, name) VALUES (?, ?, ?, ?, ?)""";

    private final DataSource dataSource;

    public NodeRegistry(DataSource dataSource) {
        this.dataSource = requireNonNull(dataSource, "dataSource is null");
    }

    /** Inserts or updates {@code workers} in one transaction; returns every registered node. */
    public List<DistNode> register(List<WorkerEndpoint> workers) throws SQLException {
        requireNonNull(workers, "workers is null");
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                try (Statement lock = connection.createStatement();
                        PreparedStatement update = connection.prepareStatement(UPDATE);
                        PreparedStatement insert = connection.prepareStatement(INSERT)) {
                    lock.execute(LOCK);
                    for (WorkerEndpoint worker : workers) {
                        if (bind(update, worker).executeUpdate() == 0) {
                            bind(insert, worker).executeUpdate();
                            LOG.info("registered node {} at {}:{}", worker.name(), worker.postgresHost(),
                                    worker.postgresPort());
                        }
                    }
                }
                List<DistNode> nodes = CatalogReader.readNodes(connection);
                connection.commit();
                logUnconfigured(workers, nodes);
                return nodes;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }

    private static PreparedStatement bind(PreparedStatement statement, WorkerEndpoint worker) throws SQLException {
        statement.setString(1, worker.postgresHost());
        statement.setInt(2, worker.postgresPort());
        statement.setString(3, worker.agentHost());
        statement.setInt(4, worker.agentPort());
        statement.setString(5, worker.name());
        return statement;
    }

    private static void logUnconfigured(List<WorkerEndpoint> workers, List<DistNode> nodes) {
        Set<String> configured = workers.stream().map(WorkerEndpoint::name).collect(Collectors.toSet());
        for (DistNode node : nodes) {
            if (!configured.contains(node.name())) {
                LOG.warn("node {} ({}:{}) is registered but not configured; it keeps its placements",
                        node.name(), node.host(), node.port());
            }
        }
    }
}
