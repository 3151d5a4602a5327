package io.distgres.planner.router;

import io.distgres.planner.catalog.RoutedTable;
import io.distgres.planner.hashing.DistributionHasher;
import io.distgres.planner.hashing.HashingException;
import io.distgres.planner.hashing.ShardRanges;

/** Which shard of a distributed table holds a distribution value, hashed as PostgreSQL hashes its type. */
public final class ShardKeys {
    private ShardKeys() {
    }

    /**
     * The index in {@code table.shards()} of the shard holding {@code value}; a value PostgreSQL
     * would reject for the column's type fails with its SQLSTATE, as the worker would.
     */
    public static int shardIndex(RoutedTable table, String value, DistributionHasher hasher) {
        try {
            return ShardRanges.shardIndexFor(hasher.hash(table.distributionType(), value), table.shards().size());
        } catch (HashingException e) {
            throw new RoutingException(e.sqlState(), e.getMessage());
        }
    }
}
