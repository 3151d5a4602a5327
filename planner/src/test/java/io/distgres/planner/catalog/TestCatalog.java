package io.distgres.planner.catalog;

import io.distgres.planner.hashing.DistributionHasher;
import io.distgres.planner.hashing.DistributionType;
import io.distgres.planner.hashing.HashRange;
import io.distgres.planner.hashing.ShardRanges;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A fixed catalog for planner tests: messages and accounts co-located (4 shards each, by
 * user_id, bigint), events in another co-location group, countries a reference table; any other
 * name is a local table. Every table has the columns id (a sequence default), user_id and body.
 */
public final class TestCatalog implements RoutingCatalog {
    public static final RoutedTable MESSAGES = hashTable("messages", 1, 100);
    public static final RoutedTable ACCOUNTS = hashTable("accounts", 1, 200);
    public static final RoutedTable EVENTS = hashTable("events", 2, 300);
    public static final RoutedTable COUNTRIES = new RoutedTable("public", "countries", true, null, null, 3,
            List.of(new RoutedTable.Shard(400, null, List.of(1, 2))));

    @Override
    public Optional<RoutedTable> table(List<String> name) {
        String table = name.get(name.size() - 1);
        return List.of(MESSAGES, ACCOUNTS, EVENTS, COUNTRIES).stream().filter(t -> t.name().equals(table)).findFirst();
    }

    @Override
    public List<ColumnInfo> columns(RoutedTable table) {
        return List.of(new ColumnInfo("id", "nextval('messages_id_seq'::regclass)"), new ColumnInfo("user_id", null),
                new ColumnInfo("body", null));
    }

    @Override
    public List<String> nextValues(String defaultExpression, int count) {
        List<String> values = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            values.add(Integer.toString(1000 + i));
        }
        return values;
    }

    /** The id of the shard of {@code table} (one of the 4-shard tables) holding bigint {@code key}. */
    public static long shardOf(RoutedTable table, long key) {
        int hash = new DistributionHasher().hash(DistributionType.BIGINT, Long.toString(key));
        return table.shards().get(ShardRanges.shardIndexFor(hash, table.shards().size())).shardId();
    }

    private static RoutedTable hashTable(String name, int colocationId, long firstShard) {
        List<RoutedTable.Shard> shards = new ArrayList<>();
        List<HashRange> ranges = ShardRanges.split(4);
        for (int i = 0; i < 4; i++) {
            shards.add(new RoutedTable.Shard(firstShard + i, ranges.get(i), List.of(i % 2 + 1)));
        }
        return new RoutedTable("public", name, false, "user_id", DistributionType.BIGINT, colocationId, shards);
    }
}
