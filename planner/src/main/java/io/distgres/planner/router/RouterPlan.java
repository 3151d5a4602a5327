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

    /**
     * {@code INSERT INTO dist [(columns)] SELECT ...} whose SELECT reads no distributed table: the
     * SELECT runs on the coordinator and its rows are loaded into the shards like a COPY.
     *
     * @param schema  the target's schema
     * @param table   the target table
     * @param columns the target columns named by the statement, empty for all
     * @param query   the SELECT's text, to run on the coordinator with the statement's parameters
     */
    record InsertSelect(String schema, String table, List<String> columns, String query) implements RouterPlan {
        public InsertSelect {
            columns = List.copyOf(columns);
        }
    }

    /** The router declines; {@code reason} names the construct, for a 0A000 error. */
    record NotApplicable(String reason) implements RouterPlan {
    }
}
