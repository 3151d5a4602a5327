package io.distgres.planner.router;

import io.distgres.planner.plan.Task;
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
     * @param distributedSource whether the SELECT reads distributed tables (it then runs through
     *                          distgres's own tiers rather than on the coordinator's PostgreSQL)
     */
    record InsertSelect(String schema, String table, List<String> columns, String query, boolean distributedSource)
            implements RouterPlan {
        public InsertSelect {
            columns = List.copyOf(columns);
        }
    }

    /**
     * A statement run on every shard group and combined on the coordinator.
     *
     * @param tier    the tier that planned it, for EXPLAIN
     * @param tasks   one task per shard group
     * @param writes  whether the tasks modify rows
     * @param combine how the tasks' results become the statement's result
     */
    record MultiShard(String tier, List<Task> tasks, boolean writes, Combine combine) implements RouterPlan {
        public MultiShard {
            tasks = List.copyOf(tasks);
        }
    }

    /**
     * A SELECT the shards cannot answer alone: each distributed and reference table it names is
     * pulled (with the filters that apply to it alone) into the coordinator's PostgreSQL as an
     * intermediate result, and the statement runs there with PostgreSQL's own semantics.
     *
     * @param pulls    one per table reference, in the order of their {@code __dgrelN} tokens
     * @param template the statement with each table reference replaced by {@code __dgrelN}
     */
    record Coordinator(List<Pull> pulls, String template) implements RouterPlan {
        public Coordinator {
            pulls = List.copyOf(pulls);
        }
    }

    /**
     * The rows of one table reference for the coordinator tier.
     *
     * @param rowType the shell table's quoted name, whose row type the pulled rows have
     * @param tasks   one task per shard, each selecting the table's columns in order
     */
    record Pull(String rowType, List<Task> tasks) {
        public Pull {
            tasks = List.copyOf(tasks);
        }
    }

    /** How a multi-shard statement's task results are combined. */
    sealed interface Combine {
        /** Rows are relayed as they arrive, skipping {@code offset} and stopping after {@code limit} (-1: all). */
        record Concatenate(long limit, long offset) implements Combine {
        }

        /**
         * Rows are gathered as an intermediate result and {@code template} runs over them on the
         * coordinator's PostgreSQL. Tokens: {@code __dgINTERMEDIATE} the gathered rows (columns
         * {@code __dg0..}), {@code __dgVISIBLE} the first (columns - hidden) columns named as the
         * workers named them, {@code __dgcastN} a cast to column N's type, {@code __dgavgS_C}
         * avg from sum column S and count column C, {@code __dgoutN} a cast to the statement's
         * output column N's type with its name (needs a description of the statement).
         *
         * @param hidden   trailing task columns the coordinator only sorts by
         * @param describe whether the template uses {@code __dgoutN}
         */
        record Query(String template, int hidden, boolean describe) implements Combine {
        }
    }

    /**
     * Every table the statement names resolves to a local table (a name the gate took for a distributed
     * table belongs to another relation under the session's search_path): it runs as a local statement.
     */
    record Local() implements RouterPlan {
    }

    /** The router declines; {@code reason} names the construct, for a 0A000 error. */
    record NotApplicable(String reason) implements RouterPlan {
    }
}
