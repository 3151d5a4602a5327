package io.distgres.planner.hashing;

/**
 * The closed range of int32 hash values one shard owns, as stored in {@code dist_shard} (hash min, hash max) and
 * shown by Citus as {@code shardminvalue}/{@code shardmaxvalue}.
 */
public record HashRange(int min, int max) {
    public HashRange {
        if (min > max) {
            throw new IllegalArgumentException("hash range min " + min + " is above max " + max);
        }
    }

    public boolean contains(int hash) {
        return hash >= min && hash <= max;
    }
}
