package io.distgres.coordinator.transaction;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where one node's part of a distributed transaction stands. The allowed moves are
 * OPEN → PREPARED | COMMITTED | ROLLED_BACK | FAILED, PREPARED → COMMITTED | ROLLED_BACK | IN_DOUBT;
 * COMMITTED, ROLLED_BACK and IN_DOUBT are final (IN_DOUBT: prepared, and recovery settles it).
 */
enum RemoteState {
    OPEN, PREPARED, COMMITTED, ROLLED_BACK, FAILED, IN_DOUBT;

    private static final Set<RemoteState> FROM_OPEN = EnumSet.of(PREPARED, COMMITTED, ROLLED_BACK, FAILED);
    private static final Set<RemoteState> FROM_PREPARED = EnumSet.of(COMMITTED, ROLLED_BACK, IN_DOUBT);

    boolean canMoveTo(RemoteState next) {
        return switch (this) {
            case OPEN -> FROM_OPEN.contains(next);
            case PREPARED -> FROM_PREPARED.contains(next);
            case FAILED -> next == ROLLED_BACK;
            default -> false;
        };
    }
}
