package io.distgres.coordinator.session;

import static java.util.Objects.requireNonNull;

import io.distgres.planner.classify.StatementClassifier;
import io.distgres.planner.sql.StatementText;

/**
 * One session's view of what may have changed its prepared statements' row types: DDL from any
 * session ({@link SchemaChanges}) and its own changes to name resolution (search_path). Its
 * {@link #stamp} changes whenever either may have; a prepared statement checks its row type again
 * when the stamp differs from the one it was last checked at.
 */
final class RowTypeChanges {
    private final SchemaChanges schemaChanges;
    private final StatementClassifier classifier;
    private long localChanges;
    private boolean definitionsChangedInTransaction;

    RowTypeChanges(SchemaChanges schemaChanges, StatementClassifier classifier) {
        this.schemaChanges = requireNonNull(schemaChanges, "schemaChanges is null");
        this.classifier = requireNonNull(classifier, "classifier is null");
    }

    long stamp() {
        return schemaChanges.current() + localChanges;
    }

    /**
     * After a statement ran: DDL makes every session's statements check again, now and when its
     * transaction ends (the others see the change only then); a change of search_path or role
     * makes this session's check again.
     */
    void noteStatementRan(StatementText statement, boolean inTransaction) {
        if (classifier.mayChangeDefinitions(statement)) {
            schemaChanges.noteMayHaveChanged();
            definitionsChangedInTransaction |= inTransaction;
        } else if (classifier.mayChangeNameResolution(statement)) {
            localChanges++;
        }
    }

    /** The session's transaction ended: DDL in it is now visible to every session. */
    void transactionEnded() {
        if (definitionsChangedInTransaction) {
            definitionsChangedInTransaction = false;
            schemaChanges.noteMayHaveChanged();
        }
    }
}
