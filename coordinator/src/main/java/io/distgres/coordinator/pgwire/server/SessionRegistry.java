package io.distgres.coordinator.pgwire.server;

import io.distgres.coordinator.session.ClientSession;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The live client sessions by process id, so a CancelRequest arriving on another connection
 * finds the session it names (and only with the right secret key).
 */
public final class SessionRegistry {
    private final Map<Integer, ClientSession> sessions = new ConcurrentHashMap<>();
    private final AtomicInteger nextProcessId = new AtomicInteger(10_000);
    private final SecureRandom random = new SecureRandom();

    public int nextProcessId() {
        return nextProcessId.incrementAndGet();
    }

    public int newSecretKey() {
        return random.nextInt();
    }

    public void register(ClientSession session) {
        sessions.put(session.processId(), session);
    }

    public void unregister(ClientSession session) {
        sessions.remove(session.processId(), session);
    }

    public int size() {
        return sessions.size();
    }

    /** Cancels the session's running statement when the key matches; silently ignores others, like PostgreSQL. */
    public void cancel(int processId, int secretKey) {
        ClientSession session = sessions.get(processId);
        if (session != null && session.secretKey() == secretKey) {
            session.cancel();
        }
    }
}
