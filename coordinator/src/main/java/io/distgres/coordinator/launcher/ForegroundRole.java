package io.distgres.coordinator.launcher;

/** A role the launcher runs in the foreground: started once, closed once on shutdown. */
interface ForegroundRole extends AutoCloseable {
    /** Starts the role; returns when it serves. */
    void start() throws Exception;

    /** What follows "ready" on the ready line, e.g. the connection string. */
    String readyDetail();
}
