package io.distgres.coordinator.session;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the statements, from any distgres session, that may have changed the columns of tables
 * (DDL), so a prepared statement knows when to check its row type again before it runs: PostgreSQL
 * fixes a prepared statement's row type, and a client holds the RowDescription it was sent. DDL
 * distgres does not run (straight on the coordinator database) is caught when the rows come
 * ({@link RowTypeGuard}), not counted here.
 */
final class SchemaChanges {
    private final AtomicLong count = new AtomicLong();

    /** Changes whenever a statement that may have changed definitions ran or its transaction ended. */
    long current() {
        return count.get();
    }

    void noteMayHaveChanged() {
        count.incrementAndGet();
    }
}
