package io.distgres.coordinator.session;

import static java.util.Objects.requireNonNull;

import io.distgres.coordinator.error.PgError;
import io.distgres.coordinator.error.PgException;
import io.distgres.coordinator.pgwire.codec.ClientConnection;
import io.distgres.coordinator.pgwire.codec.FrontendMessage;
import io.distgres.sqlstate.SqlState;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The messages a client sent that its session has not processed yet. The event loop adds to it
 * and stops reading the socket when it grows long; the session takes from it one message at a
 * time, looks ahead in it (is the pipeline's Sync already here?) and, during COPY FROM STDIN,
 * waits on it for the client's next message, letting the socket be read again once it has
 * caught up.
 */
final class SessionInbox {
    private static final int LOW_WATER = 64;

    private final BlockingQueue<FrontendMessage> queue = new LinkedBlockingQueue<>();
    private final ClientConnection out;
    private volatile boolean closed;

    SessionInbox(ClientConnection out) {
        this.out = requireNonNull(out, "out is null");
    }

    /** Queues a message from the event loop; returns the queue length for read backpressure. */
    int offer(FrontendMessage message) {
        queue.add(message);
        return queue.size();
    }

    /** The next message, null when none is queued. */
    FrontendMessage poll() {
        return queue.poll();
    }

    /** The next message without taking it, null when none is queued. */
    FrontendMessage peek() {
        return queue.peek();
    }

    /** The queued messages in order, without taking them. */
    Iterable<FrontendMessage> queued() {
        return queue;
    }

    boolean isEmpty() {
        return queue.isEmpty();
    }

    /** The session ends: a wait for the client's next message gives up. */
    void close() {
        closed = true;
    }

    boolean isClosed() {
        return closed;
    }

    /** Takes the next message during COPY FROM STDIN, waiting for the client. */
    FrontendMessage await() {
        try {
            FrontendMessage message;
            do {
                if (queue.size() < LOW_WATER) {
                    out.resumeReading();
                }
                message = queue.poll(1, TimeUnit.SECONDS);
            } while (message == null && !closed && out.isOpen());
            if (message == null) {
                throw new PgException(PgError.fatal(SqlState.CONNECTION_FAILURE, "client went away during COPY"));
            }
            return message;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PgException(PgError.fatal(SqlState.ADMIN_SHUTDOWN, "terminating connection"));
        }
    }
}
