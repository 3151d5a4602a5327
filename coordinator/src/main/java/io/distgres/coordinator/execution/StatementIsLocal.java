package io.distgres.coordinator.execution;

/**
 * Thrown before anything ran when a statement the gate sent to the distributed executor names no
 * distributed table after all: each name it took for one means a local relation under the session's
 * search_path (a table of the same name in an earlier schema, a temporary table). The session then runs
 * the statement as any local statement, on the coordinator database.
 */
public final class StatementIsLocal extends RuntimeException {
    public StatementIsLocal() {
        super("the statement names no distributed table", null, false, false);
    }
}
