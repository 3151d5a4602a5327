package io.distgres.planner.plan;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * How a multi-shard plan's task results become the statement's result: relayed as they arrive,
 * or gathered and finished by one query on the coordinator's PostgreSQL (so types, NULLs,
 * collation and numeric scale are PostgreSQL's). {@code render.CombineSqlRenderer} writes that
 * query; nothing here is SQL text except the user's own expressions inside {@link SqlFragment}s.
 */
public sealed interface CombineStep {

    /**
     * Rows are relayed as they arrive, skipping {@code offset} and stopping after {@code limit}
     * (-1: all). Runs in the coordinator's JVM.
     */
    record Concatenate(long limit, long offset) implements CombineStep {
    }

    /**
     * Rows of every task are merged: duplicates removed, sorted, cut. The task rows are the
     * statement's output columns followed by {@code hiddenColumns} sort-only columns, which the
     * result leaves out.
     *
     * @param distinct      {@code SELECT DISTINCT}
     * @param distinctOn    {@code DISTINCT ON} keys: output column indexes, empty without DISTINCT ON
     * @param orderBy       the sort keys, over {@link SqlFragment.TaskColumn} and {@link SqlFragment.HiddenColumn}
     * @param hiddenColumns sort-only columns after the output columns
     * @param limit         rows kept, -1 for all
     * @param offset        rows skipped first
     */
    record Merge(boolean distinct, List<Integer> distinctOn, List<SortKey> orderBy, int hiddenColumns, long limit,
                 long offset) implements CombineStep {
        public Merge {
            distinctOn = List.copyOf(distinctOn);
            orderBy = List.copyOf(orderBy);
        }
    }

    /**
     * Aggregates finished on the coordinator. Each task returns per-group rows whose first
     * {@code groupKeys} columns are the GROUP BY keys, then either partial aggregates (finished by
     * {@link SqlFragment.FinishAggregate} and {@link SqlFragment.FinishAverage}) or the aggregates'
     * arguments for every row (the aggregates then run on the coordinator as the user wrote them).
     *
     * @param inputs    what the tasks return besides the keys
     * @param distinct  {@code SELECT DISTINCT}
     * @param outputs   the statement's select list over the task columns; each is cast to the
     *                  statement's own output column type and named with its name
     * @param groupKeys how many leading task columns are the GROUP BY keys
     * @param having    the HAVING condition, or null
     * @param orderBy   the sort keys
     * @param limit     rows kept, -1 for all
     * @param offset    rows skipped first
     */
    record Aggregate(Inputs inputs, boolean distinct, List<SqlFragment> outputs, int groupKeys, SqlFragment having,
                     List<SortKey> orderBy, long limit, long offset) implements CombineStep {
        public Aggregate {
            requireNonNull(inputs, "inputs is null");
            outputs = List.copyOf(outputs);
            orderBy = List.copyOf(orderBy);
        }

        /** What the tasks of an aggregate combine return besides the group keys. */
        public enum Inputs {
            /** Partial aggregates per group (count, sum, min, max, avg as sum and count, bool_and/or). */
            PARTIAL_AGGREGATES,
            /** The aggregates' arguments for every row. */
            PULLED_ROWS
        }
    }

    /** One ORDER BY key: an output column ordinal or name, or an expression, with its direction. */
    record SortKey(SqlFragment key, boolean descending, Nulls nulls) {
        public SortKey {
            requireNonNull(key, "key is null");
            requireNonNull(nulls, "nulls is null");
        }
    }

    /** Where NULLs sort: as the direction implies, or as the user said. */
    enum Nulls {
        DEFAULT,
        FIRST,
        LAST
    }
}
