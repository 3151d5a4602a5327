package io.distgres.coordinator.session;

import static java.util.Objects.requireNonNull;

import io.distgres.coordinator.metadata.DdlEpoch;
import io.distgres.coordinator.session.route.StatementEffects;

/**
 * One session's view of whether what names and definitions mean may have changed: its own DDL
 * (which other sessions see once its transaction ends: then it advances the {@link DdlEpoch} that
 * the name caches follow), DDL from any distgres session ({@link SchemaChanges}, which prepared
 * statements' row types follow) and its own changes to name resolution (search_path, role). Its
 * {@link #stamp} changes whenever a prepared statement's row type may have; the statement checks
 * its row type again when the stamp differs from the one it was last checked at.
 */
final class DefinitionChanges {
    private final DdlEpoch epoch;
    private final SchemaChanges schemaChanges;
    private long localChanges;
    private boolean uncommitted;

    DefinitionChanges(DdlEpoch epoch, SchemaChanges schemaChanges) {
        this.epoch = requireNonNull(epoch, "epoch is null");
        this.schemaChanges = requireNonNull(schemaChanges, "schemaChanges is null");
    }

    long stamp() {
        return schemaChanges.current() + localChanges;
    }

    /** True while DDL of the session's open transaction (or running statement) is not visible to others yet. */
    boolean uncommitted() {
        return uncommitted;
    }

    /** Before a statement runs: DDL makes names the session resolves its own until its transaction ends. */
    void beforeRun(StatementEffects effects) {
        uncommitted |= effects.changesDefinitions();
    }

    /**
     * After a statement ran: DDL makes every session's prepared statements check their row type
     * again, now and when its transaction ends; a change of search_path or role makes this
     * session's check again.
     */
    void afterRun(StatementEffects effects) {
        if (effects.changesDefinitions()) {
            schemaChanges.noteMayHaveChanged();
        } else if (effects.changesNameResolution()) {
            localChanges++;
        }
    }

    /** The session's transaction ended (committed or rolled back): its DDL, if any, is now what every session sees. */
    void transactionEnded() {
        if (uncommitted) {
            uncommitted = false;
            epoch.advance();
            schemaChanges.noteMayHaveChanged();
        }
    }
}
