package io.distgres.planner.router;

import java.util.List;

/** The outcome of the router tiers: tasks to run, or why the router cannot plan the statement. */
public sealed interface RouterPlan {

    /** Tasks whose results are concatenated; {@code writes} tells whether the statement modifies rows. */
    record Planned(String tier, List<Task> tasks, boolean writes) implements RouterPlan {
        public Planned {
            tasks = List.copyOf(tasks);
        }
    }

    /** The router declines; {@code reason} names the construct, for a 0A000 error. */
    record NotApplicable(String reason) implements RouterPlan {
    }
}
