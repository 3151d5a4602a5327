package io.distgres.coordinator.distribution;

/** Placeholder until built: refuses with 0A000. */
public final class DistributedCopy {
    public void copyIn(DistributedStatement statement, String table) {
        throw NotYetSupported.statement(statement.statement().firstWord(), table);
    }
}
