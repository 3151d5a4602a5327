package io.distgres.planner.plan;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A statement run on every shard group, whose task results a combine step turns into the
 * statement's result.
 *
 * @param operation what the tasks do
 * @param tasks     one per shard group
 * @param combine   how the tasks' results become the statement's result
 */
public record MultiShardPlan(Operation operation, List<Task> tasks, CombineStep combine) implements DistributedPlan {
    public MultiShardPlan {
        requireNonNull(operation, "operation is null");
        requireNonNull(combine, "combine is null");
        tasks = List.copyOf(tasks);
    }

    /** What the tasks of a multi-shard plan do. */
    public enum Operation {
        /** Read: the statement, or the part of it each shard group can compute. */
        SELECT,
        /** UPDATE or DELETE on every shard group; the command tags add up. */
        MODIFICATION,
        /** INSERT ... SELECT between co-located tables, each shard group inserting its own rows. */
        INSERT_SELECT
    }

    @Override
    public Tier tier() {
        return Tier.MULTI_SHARD;
    }

    /** Whether the tasks modify rows. */
    public boolean writes() {
        return operation != Operation.SELECT;
    }
}
