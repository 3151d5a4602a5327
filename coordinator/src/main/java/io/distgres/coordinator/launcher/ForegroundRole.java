package io.distgres.coordinator.launcher;

import static java.util.Objects.requireNonNull;

import java.util.function.Supplier;

/** A role the launcher runs in the foreground: started once, closed once on shutdown. */
interface ForegroundRole extends AutoCloseable {
    /** Starts the role; returns when it serves. */
    void start() throws Exception;

    /** What follows "ready" on the ready line, e.g. the connection string. */
    String readyDetail();

    /** Something that can start, throwing whatever its start-up throws. */
    interface Startable {
        void start() throws Exception;
    }

    /** A role made of its three operations, for servers that do not implement this interface themselves. */
    static ForegroundRole of(Startable start, Supplier<String> readyDetail, AutoCloseable stop) {
        requireNonNull(start, "start is null");
        requireNonNull(readyDetail, "readyDetail is null");
        requireNonNull(stop, "stop is null");
        return new ForegroundRole() {
            @Override
            public void start() throws Exception {
                start.start();
            }

            @Override
            public String readyDetail() {
                return readyDetail.get();
            }

            @Override
            public void close() throws Exception {
                stop.close();
            }
        };
    }
}
