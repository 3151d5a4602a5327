package io.distgres.coordinator.session.route;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * What running a statement may do to its session beyond its result, read from its tokens with its
 * route: the session's bookkeeping around the statement follows from these alone.
 *
 * @param changesSettings         it may change session settings (SET, RESET, DISCARD, set_config):
 *                                they are read again once the session is idle
 * @param changesDefinitions      it may create, change or drop relations or functions (DDL, DO, CALL):
 *                                what names mean and prepared statements' row types may change
 * @param changesNameResolution   it may change what names mean in this session (search_path, role)
 * @param sessionState            what it leaves in the backend's session beyond its transaction (a
 *                                temporary table, LISTEN, ...), which pins the connection
 * @param refusesTransactionBlock PostgreSQL refuses it inside a transaction block (VACUUM, ...)
 */
public record StatementEffects(boolean changesSettings, boolean changesDefinitions, boolean changesNameResolution,
                               Optional<String> sessionState, boolean refusesTransactionBlock) {
    public static final StatementEffects NONE = new StatementEffects(false, false, false, Optional.empty(), false);

    public StatementEffects {
        requireNonNull(sessionState, "sessionState is null");
    }

    /** {@link #NONE} when nothing is set, so the common statement allocates nothing. */
    static StatementEffects of(boolean changesSettings, boolean changesDefinitions, boolean changesNameResolution,
                               Optional<String> sessionState, boolean refusesTransactionBlock) {
        if (!changesSettings && !changesDefinitions && !changesNameResolution && sessionState.isEmpty()
                && !refusesTransactionBlock) {
            return NONE;
        }
        return new StatementEffects(changesSettings, changesDefinitions, changesNameResolution, sessionState,
                refusesTransactionBlock);
    }

    /** True when running it may change what prepared statements' row types are. */
    public boolean changesRowTypes() {
        return changesDefinitions || changesNameResolution;
    }
}
