package io.distgres.coordinator.transaction;

/**
 * Told when a two-phase commit reaches each {@link CommitPoint}, so tests can stop a commit there.
 * An exception thrown from {@link #reached} acts like the coordinator dying at that point: the
 * commit stops where it is, prepared participants stay prepared, and only recovery settles them.
 */
@FunctionalInterface
public interface TwoPhaseCommitHook {
    /** The hook of a production coordinator: nothing happens. */
    TwoPhaseCommitHook NONE = (point, gid) -> { };

    /** {@code gid} is the participant's global transaction id (the first one for whole-transaction points). */
    void reached(CommitPoint point, String gid);
}
