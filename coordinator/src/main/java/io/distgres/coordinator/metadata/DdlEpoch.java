package io.distgres.coordinator.metadata;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts changes to the coordinator database's relations and functions that caches derived from its
 * catalogs must not outlive (what a table or function name means under a search_path): advanced by
 * every DDL statement, wherever it ran ({@link DdlListener} hears the event trigger of catalog V6), and
 * by distgres's own sessions as soon as their DDL commits. A cache entry is valid only if it was read
 * in the epoch current now, and only while the epoch is {@linkplain #watched() watched}.
 */
public final class DdlEpoch {
    private final AtomicLong epoch = new AtomicLong();
    private volatile boolean watched;

    /** The current epoch; read it before reading the catalogs whose answer is to be cached. */
    public long current() {
        return epoch.get();
    }

    /** Something may have changed: every cached answer read before now is stale. */
    public void advance() {
        epoch.incrementAndGet();
    }

    /**
     * Whether DDL made anywhere reaches {@link #advance()}: false while no notification connection listens
     * (or the event trigger is missing), and then nothing may be cached across statements.
     */
    public boolean watched() {
        return watched;
    }

    /** Starts or stops trusting the epoch; either way it advances, since notifications may have been missed. */
    void watched(boolean nowWatched) {
        advance();
        watched = nowWatched;
        advance();
    }
}
