package io.distgres.coordinator.tables;

import io.distgres.coordinator.copy.CopyTextRow;
import io.distgres.coordinator.error.PgException;
import io.distgres.coordinator.schema.ColumnDefinition;
import io.distgres.planner.hashing.DistributionHasher;
import io.distgres.planner.hashing.DistributionType;
import io.distgres.planner.hashing.ShardRanges;
import io.distgres.sqlstate.SqlState;
import java.util.List;

/** Decides which shard a row in COPY text format belongs to. */
sealed interface ShardRowRouter {

    /** The columns the rows carry, in order: every column but generated ones (PostgreSQL computes those). */
    List<String> columns();

    /** The index of the shard that takes {@code row}. */
    int shardIndex(byte[] row);

    static List<String> copyableColumns(List<ColumnDefinition> columns) {
        return columns.stream().filter(c -> !c.generated()).map(ColumnDefinition::name).toList();
    }

    /** Hash distribution: PostgreSQL's hash of the distribution column picks the range. */
    final class Hash implements ShardRowRouter {
        private final List<String> columns;
        private final int columnIndex;
        private final String column;
        private final DistributionType type;
        private final int shardCount;
        private final DistributionHasher hasher = new DistributionHasher();

        Hash(List<ColumnDefinition> definitions, String column, DistributionType type, List<PlannedShard> shards) {
            this.columns = copyableColumns(definitions);
            this.columnIndex = columns.indexOf(column);
            this.column = column;
            this.type = type;
            this.shardCount = shards.size();
            if (columnIndex < 0) {
                throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "cannot distribute by generated column \""
                        + column + "\"");
            }
        }

        @Override
        public List<String> columns() {
            return columns;
        }

        @Override
        public int shardIndex(byte[] row) {
            String value = CopyTextRow.field(row, columnIndex);
            if (value == null) {
                throw new PgException(SqlState.NOT_NULL_VIOLATION,
                        "cannot distribute a row with a NULL value in distribution column \""
                        + column + "\"");
            }
            return ShardRanges.shardIndexFor(hasher.hash(type, value), shardCount);
        }
    }

    /** A reference table's single shard. */
    final class Single implements ShardRowRouter {
        private final List<String> columns;

        Single(List<ColumnDefinition> definitions) {
            this.columns = copyableColumns(definitions);
        }

        @Override
        public List<String> columns() {
            return columns;
        }

        @Override
        public int shardIndex(byte[] row) {
            return 0;
        }
    }
}
