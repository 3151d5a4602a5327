package io.distgres.bench;

import io.distgres.coordinator.launcher.EmbeddedPostgresServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Accounts of pgbench_accounts known to live on two different workers: read from the shards
 * each worker's PostgreSQL holds (placements from {@code citus_shards}), then checked against
 * the coordinator's own routing ({@code get_shard_id_for_distribution_column}), so a transfer
 * between an account of each list is a transaction across two nodes.
 *
 * @param firstWorker   where {@code first} lives, e.g. {@code worker-1}
 * @param secondWorker  where {@code second} lives
 */
record CrossNodeAccounts(String firstWorker, List<Integer> first, String secondWorker, List<Integer> second) {
    private static final String TABLE = "pgbench_accounts";
    /** Accounts checked against the coordinator's routing per worker: the rest are read the same way. */
    private static final int ROUTING_CHECKS = 8;

    CrossNodeAccounts {
        first = List.copyOf(first);
        second = List.copyOf(second);
    }

    /** Up to {@code perWorker} accounts on each of the first two workers holding shards of pgbench_accounts. */
    static CrossNodeAccounts find(DistgresCluster cluster, int perWorker) throws SQLException {
        Map<Integer, List<String>> shardsByPort = new LinkedHashMap<>();
        Map<String, Integer> portByShardId = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(cluster.target().jdbcUrl());
             ResultSet rs = c.createStatement().executeQuery("SELECT shard_name, nodeport, shardid FROM citus_shards"
                     + " WHERE table_name = '" + TABLE + "'::regclass ORDER BY nodeport, shardid")) {
            while (rs.next()) {
                shardsByPort.computeIfAbsent(rs.getInt(2), port -> new ArrayList<>()).add(rs.getString(1));
                portByShardId.put(rs.getString(3), rs.getInt(2));
            }
        }
        List<EmbeddedPostgresServer> workers = cluster.workers().stream()
                .filter(w -> shardsByPort.containsKey(w.port())).limit(2).toList();
        if (workers.size() < 2) {
            throw new IllegalStateException(TABLE + " has shards on fewer than two workers: " + shardsByPort.keySet());
        }
        List<List<Integer>> accounts = new ArrayList<>();
        for (EmbeddedPostgresServer worker : workers) {
            List<Integer> aids = sample(worker, shardsByPort.get(worker.port()), perWorker);
            checkRouting(cluster.target(), aids.subList(0, Math.min(ROUTING_CHECKS, aids.size())), portByShardId,
                    worker.port());
            accounts.add(aids);
        }
        return new CrossNodeAccounts(workers.get(0).name(), accounts.get(0), workers.get(1).name(), accounts.get(1));
    }

    /** A fixed pseudo-random sample (same seed every run) spread over all of the worker's shards. */
    private static List<Integer> sample(EmbeddedPostgresServer worker, List<String> shards, int count)
            throws SQLException {
        String union = String.join(" UNION ALL ", shards.stream().map(shard -> "SELECT aid FROM " + shard).toList());
        List<Integer> aids = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(worker.jdbcUrlWithUser()); Statement s = c.createStatement()) {
            s.execute("SELECT setseed(0.12)");
            try (ResultSet rs = s.executeQuery("SELECT aid FROM (" + union + ") a ORDER BY random() LIMIT " + count)) {
                while (rs.next()) {
                    aids.add(rs.getInt(1));
                }
            }
        }
        if (aids.isEmpty()) {
            throw new IllegalStateException(worker.name() + " holds no rows of " + TABLE);
        }
        return aids;
    }

    private static void checkRouting(Target distgres, List<Integer> aids, Map<String, Integer> portByShardId, int port)
            throws SQLException {
        try (Connection c = DriverManager.getConnection(distgres.jdbcUrl()); Statement s = c.createStatement()) {
            for (int aid : aids) {
                try (ResultSet rs = s.executeQuery("SELECT get_shard_id_for_distribution_column('" + TABLE + "', "
                        + aid + ")")) {
                    rs.next();
                    Integer routedTo = portByShardId.get(rs.getString(1));
                    if (routedTo == null || routedTo != port) {
                        throw new IllegalStateException("aid " + aid + " is stored on the worker at port " + port
                                + " but the coordinator routes it to shard " + rs.getString(1) + " at port " + routedTo);
                    }
                }
            }
        }
    }
}
