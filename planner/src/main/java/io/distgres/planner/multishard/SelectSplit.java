package io.distgres.planner.multishard;

import io.distgres.planner.plan.CombineStep;

/** How a SELECT runs across shard groups: what each task runs and how the coordinator combines the results. */
record SelectSplit(ShardText workerText, CombineStep combine) {
}
