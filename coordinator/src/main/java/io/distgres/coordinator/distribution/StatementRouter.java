package io.distgres.coordinator.distribution;

/** Placeholder until built: refuses with 0A000. */
public final class StatementRouter {
    public void execute(DistributedStatement statement, String table) {
        throw NotYetSupported.statement(statement.statement().firstWord(), table);
    }
}
