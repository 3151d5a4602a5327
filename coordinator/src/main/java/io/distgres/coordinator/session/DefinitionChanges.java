package io.distgres.coordinator.session;

import static java.util.Objects.requireNonNull;

import io.distgres.coordinator.metadata.DdlEpoch;
import io.distgres.coordinator.session.route.StatementEffects;

/**
 * One session's view of whether what names and definitions mean may have changed: DDL from any
 * session or connection (the {@link DdlEpoch}, which the name caches and prepared statements'
 * row types both follow) and its own changes to name resolution (search_path, role). Its
 * {@link #stamp} changes whenever either may have; a prepared statement checks its row type again
 * when the stamp differs from the one it was last checked at.
 *
 * <p>The session's own DDL advances the epoch as soon as it ran, so its own prepared statements
 * check at once, and again when its transaction ends, when the other sessions can see it; until
 * then nothing the session resolves may be shared ({@link #uncommitted}).
 */
final class DefinitionChanges {
    private final DdlEpoch epoch;
    private long localChanges;
    private boolean uncommitted;

    DefinitionChanges(DdlEpoch epoch) {
        this.epoch = requireNonNull(epoch, "epoch is null");
    }

    long stamp() {
        return epoch.current() + localChanges;
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
     * again; a change of search_path or role makes this session's check again.
     */
    void afterRun(StatementEffects effects) {
        if (effects.changesDefinitions()) {
            epoch.advance();
        } else if (effects.changesNameResolution()) {
            localChanges++;
        }
    }

    /** The session's transaction ended (committed or rolled back): its DDL, if any, is now what every session sees. */
    void transactionEnded() {
        if (uncommitted) {
            uncommitted = false;
            epoch.advance();
        }
    }
}
