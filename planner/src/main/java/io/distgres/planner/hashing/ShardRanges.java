package io.distgres.planner.hashing;

import io.distgres.sqlstate.SqlState;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts the int32 hash space into a table's shard ranges exactly as Citus does, and finds a hash's shard by
 * arithmetic instead of a search.
 *
 * <p>Shard i covers {@code [INT32_MIN + i*step, INT32_MIN + (i+1)*step - 1]} with {@code step = 2^32 / shardCount}
 * (integer division); the last shard also takes the remainder, up to {@code INT32_MAX}. Matching Citus keeps
 * {@code citus_shards} and hand-written placement checks meaningful to Citus users.
 */
public final class ShardRanges {
    /** Citus's limit on {@code shard_count}. */
    public static final int MAX_SHARD_COUNT = 64_000;
    private static final long HASH_TOKEN_COUNT = 1L << 32;

    private ShardRanges() {
    }

    /** The ranges of shards 0 to {@code shardCount - 1}, in hash order. */
    public static List<HashRange> split(int shardCount) {
        long step = step(shardCount);
        List<HashRange> ranges = new ArrayList<>(shardCount);
        for (int i = 0; i < shardCount; i++) {
            long min = Integer.MIN_VALUE + i * step;
            long max = i == shardCount - 1 ? Integer.MAX_VALUE : min + step - 1;
            ranges.add(new HashRange((int) min, (int) max));
        }
        return List.copyOf(ranges);
    }

    /** The index of the shard whose range in {@link #split} holds {@code hash}. */
    public static int shardIndexFor(int hash, int shardCount) {
        long index = ((long) hash - Integer.MIN_VALUE) / step(shardCount);
        // hashes in the remainder past the last full step belong to the last shard
        return (int) Math.min(index, shardCount - 1);
    }

    private static long step(int shardCount) {
        if (shardCount < 1 || shardCount > MAX_SHARD_COUNT) {
            throw new HashingException(SqlState.INVALID_PARAMETER_VALUE,
                    "shard_count must be between 1 and " + MAX_SHARD_COUNT);
        }
        return HASH_TOKEN_COUNT / shardCount;
    }
}
