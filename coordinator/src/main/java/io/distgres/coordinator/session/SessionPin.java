package io.distgres.coordinator.session;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a client session keeps its backend connection until it ends, and why. A statement that
 * leaves state in the backend's session (a temporary table, LISTEN, a session advisory lock, a
 * WITH HOLD cursor) pins the connection: a client of plain PostgreSQL finds that state in its
 * later statements, which transaction pooling would lose (as PgBouncer's transaction mode does)
 * or hand to another client. The session closes a pinned connection instead of returning it.
 */
final class SessionPin {
    private static final Logger LOG = LoggerFactory.getLogger(SessionPin.class);

    private final int processId;
    private String reason;

    SessionPin(int processId) {
        this.processId = processId;
    }

    /** Pins for {@code state}, what a statement leaves in the backend session (e.g. "LISTEN"). */
    void pinFor(String state) {
        if (reason == null) {
            reason = state;
            LOG.info("session {} keeps its coordinator connection until it disconnects: it created {}", processId,
                    state);
        }
    }

    boolean isPinned() {
        return reason != null;
    }

    /** The session ended: its pinned connection is about to be closed. */
    void released() {
        LOG.info("session {} ended; its pinned coordinator connection ({}) is closed, not reused", processId, reason);
    }
}
