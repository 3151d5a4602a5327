package io.distgres.planner.router;

import java.util.List;

/** The outcome of the router tiers: tasks to run, or why the router cannot plan the statement. */
public sealed interface RouterPlan {

    /**
     * Tasks whose results are concatenated; {@code writes} tells whether the statement modifies
     * rows; {@code replicated} means every task is the same write on another placement of a
     * reference table, so only the first task's result is the statement's result.
     */
    record Planned(String tier, List<Task> tasks, boolean writes, boolean replicated) implements RouterPlan {
        public Planned {
            tasks = List.copyOf(tasks);
        }
    }

    /** The router declines; {@code reason} names the construct, for a 0A000 error. */
    record NotApplicable(String reason) implements RouterPlan {
    }
}
