package io.distgres.planner.plan;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A query the shards cannot answer alone: each distributed and reference table it names is
 * pulled (with the filters that apply to it alone) into the coordinator's PostgreSQL, and the
 * statement runs there with PostgreSQL's own semantics.
 *
 * @param pulls one per table reference of the statement
 * @param query the user's statement with each table reference a {@link SqlFragment.PulledTable}
 */
public record CoordinatorPlan(List<Pull> pulls, SqlFragment query) implements DistributedPlan {
    public CoordinatorPlan {
        pulls = List.copyOf(pulls);
        requireNonNull(query, "query is null");
    }

    @Override
    public Tier tier() {
        return Tier.COORDINATOR;
    }

    /**
     * The rows of one table reference.
     *
     * @param rowType the shell table's quoted name, whose row type the pulled rows have
     * @param tasks   one task per shard, each selecting the table's columns in order
     */
    public record Pull(String rowType, List<Task> tasks) {
        public Pull {
            requireNonNull(rowType, "rowType is null");
            tasks = List.copyOf(tasks);
        }
    }
}
