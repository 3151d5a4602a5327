package io.distgres.coordinator.error;

/**
 * The two SQLSTATE names routing/StatementRouter still takes from here; every other class uses
 * {@link io.distgres.sqlstate.SqlState}, the one list. Remove once the tier rework moves that class over.
 */
@Deprecated(forRemoval = true)
public final class SqlState {
    public static final String CONNECTION_FAILURE = io.distgres.sqlstate.SqlState.CONNECTION_FAILURE;
    public static final String FEATURE_NOT_SUPPORTED = io.distgres.sqlstate.SqlState.FEATURE_NOT_SUPPORTED;

    private SqlState() {
    }
}
