package io.distgres.coordinator.transaction;

import static java.util.Objects.requireNonNull;

import io.distgres.coordinator.error.PgException;
import io.distgres.coordinator.metadata.CatalogReader;
import io.distgres.coordinator.metadata.DistNode;
import io.distgres.coordinator.worker.WorkerClient;
import io.distgres.coordinator.worker.WorkerClients;
import io.distgres.coordinator.worker.WorkerTaskException;
import io.distgres.proto.worker.v1.EndTransactionRequest.Action;
import io.distgres.sqlstate.SqlState;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles the prepared transactions a coordinator left behind on its workers (a crash, a lost
 * worker, a failed COMMIT PREPARED): each distgres gid of this coordinator in a worker's
 * {@code pg_prepared_xacts} is committed when its commit record exists in
 * {@code distgres.dist_transaction}, rolled back otherwise. Commit records whose gids are no
 * longer prepared anywhere are deleted.
 *
 * <p>Safe with traffic running: a gid whose commit is running on this coordinator is skipped. The
 * order matters — the worker's list is read first, then the running commits are checked, then the
 * commit records: a commit that is no longer running has committed its record (if it ever will)
 * before that check, so the record read after it sees it.
 */
final class PreparedTransactionRecovery {
    private static final Logger log = LoggerFactory.getLogger(PreparedTransactionRecovery.class);

    private final DataSource metadata;
    private final CatalogReader catalog;
    private final WorkerClients workers;
    private final String gidPrefix;
    private final Predicate<String> committingNow;
    private final ReentrantLock running = new ReentrantLock();

    PreparedTransactionRecovery(DataSource metadata, CatalogReader catalog, WorkerClients workers, String gidPrefix,
                                Predicate<String> committingNow) {
        this.metadata = requireNonNull(metadata, "metadata is null");
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.workers = requireNonNull(workers, "workers is null");
        this.gidPrefix = requireNonNull(gidPrefix, "gidPrefix is null");
        this.committingNow = requireNonNull(committingNow, "committingNow is null");
    }

    /** One pass over every active primary node; returns how many prepared transactions it settled. */
    int recover() {
        running.lock();
        try (Connection connection = metadata.getConnection()) {
            String started = now(connection);
            int settled = 0;
            List<Integer> reachable = new ArrayList<>();
            Set<String> stillPrepared = new HashSet<>();
            for (DistNode node : catalog.snapshot().nodes()) {
                if (!node.isActive() || node.role() != DistNode.Role.PRIMARY) {
                    continue;
                }
                WorkerClient client = workers.forNode(node);
                List<String> prepared;
                try {
                    prepared = preparedGids(client);
                } catch (WorkerTaskException e) {
                    log.debug("recovery cannot reach node {}: {}", node.name(), e.getMessage());
                    continue;
                }
                reachable.add(node.nodeId());
                List<String> candidates = prepared.stream().filter(gid -> !committingNow.test(gid)).toList();
                Set<String> committed = commitRecords(connection, candidates);
                for (String gid : prepared) {
                    if (!candidates.contains(gid)) {
                        stillPrepared.add(gid);
                        continue;
                    }
                    boolean commit = committed.contains(gid);
                    try {
                        // not found: the commit that owned it settled it after the list was read
                        if (client.endTransaction("", commit ? Action.COMMIT_PREPARED : Action.ROLLBACK_PREPARED, gid,
                                TransactionManager.END_TIMEOUT)) {
                            settled++;
                            log.info("recovery: {} {} on node {}", commit ? "committed" : "rolled back", gid,
                                    node.name());
                        }
                    } catch (WorkerTaskException e) {
                        stillPrepared.add(gid);
                        log.warn("recovery could not settle {} on node {}: {}", gid, node.name(), e.getMessage());
                    }
                }
            }
            deleteSettledRecords(connection, started, reachable, stillPrepared);
            return settled;
        } catch (SQLException e) {
            throw new PgException(SqlState.CONNECTION_FAILURE,
                    "transaction recovery cannot use the coordinator database: " + e.getMessage());
        } finally {
            running.unlock();
        }
    }

    private List<String> preparedGids(WorkerClient client) {
        return client.executeAndCollect("SELECT gid FROM pg_prepared_xacts WHERE database = current_database()"
                        + " AND starts_with(gid, $1) ORDER BY gid", List.of(gidPrefix), TransactionManager.END_TIMEOUT)
                .rows().stream().map(row -> row.get(0)).toList();
    }

    /** The coordinator database's clock, as text so no JVM time zone comes between it and the records'. */
    private static String now(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT clock_timestamp()::text");
             ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static Set<String> commitRecords(Connection connection, List<String> gids) throws SQLException {
        Set<String> found = new HashSet<>();
        if (gids.isEmpty()) {
            return found;
        }
        Array array = connection.createArrayOf("text", gids.toArray());
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT gid FROM distgres.dist_transaction WHERE gid = ANY (?)")) {
            statement.setArray(1, array);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    found.add(rows.getString(1));
                }
            }
        }
        return found;
    }

    /**
     * Deletes the records of this coordinator's transactions that are settled: written before this
     * pass started (so their PREPARE came before the workers were listed), for a node that was
     * reachable, and not prepared there any more.
     */
    private void deleteSettledRecords(Connection connection, String started, List<Integer> reachable,
                                      Set<String> stillPrepared) throws SQLException {
        if (reachable.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(
                "DELETE FROM distgres.dist_transaction WHERE starts_with(gid, ?) AND created_at < ?::timestamptz"
                        + " AND nodeid = ANY (?) AND gid <> ALL (?)")) {
            statement.setString(1, gidPrefix);
            statement.setString(2, started);
            statement.setArray(3, connection.createArrayOf("int4", reachable.toArray()));
            statement.setArray(4, connection.createArrayOf("text", stillPrepared.toArray()));
            statement.executeUpdate();
        }
    }
}
