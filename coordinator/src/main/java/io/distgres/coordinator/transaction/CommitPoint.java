package io.distgres.coordinator.transaction;

/** The steps of a two-phase commit where a {@link TwoPhaseCommitHook} is told it got there. */
public enum CommitPoint {
    /** Every participant still has an open transaction; nothing is prepared. */
    BEFORE_PREPARE,
    /** Every writing participant is prepared; no commit record exists. */
    AFTER_PREPARE,
    /** The commit record is committed on the coordinator database: the transaction has committed. */
    AFTER_COMMIT_RECORD,
    /** Before each COMMIT PREPARED; the gid names the participant about to be committed. */
    DURING_COMMIT_PREPARED
}
