package io.distgres.coordinator.launcher;

import java.util.concurrent.CountDownLatch;
import sun.misc.Signal;

/**
 * Turns SIGTERM and SIGINT into a request the main thread waits for, so the launcher stops its
 * processes in order and exits 0. The JVM's default handling would run shutdown hooks and then
 * exit 143 (or 130), which supervisors report as a failure.
 */
final class ShutdownSignal {
    private final CountDownLatch requested = new CountDownLatch(1);
    private volatile String signalName = "";

    /** Takes over SIGTERM and SIGINT for this process. */
    void install() {
        for (String name : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(name), signal -> {
                signalName = "SIG" + signal.getName();
                requested.countDown();
            });
        }
    }

    /** Blocks until a signal arrives; returns its name, e.g. {@code SIGTERM}. */
    String await() throws InterruptedException {
        requested.await();
        return signalName;
    }
}
