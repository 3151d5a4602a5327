package io.distgres.coordinator.launcher;

import static java.util.Objects.requireNonNull;

import java.io.PrintStream;
import java.net.BindException;
import java.util.Locale;

/**
 * Runs a role until SIGTERM or Ctrl-C: prints exactly one line containing {@code ready} once it
 * serves, then stops it in order and returns the exit code. A failed start is reported in one line
 * on stderr, after the role has stopped whatever it had started.
 */
final class ForegroundRunner {
    static final int EXIT_OK = 0;
    static final int EXIT_FAILED = 1;

    private final PrintStream out;
    private final PrintStream err;
    private final ShutdownSignal signal;

    ForegroundRunner(PrintStream out, PrintStream err, ShutdownSignal signal) {
        this.out = requireNonNull(out, "out is null");
        this.err = requireNonNull(err, "err is null");
        this.signal = requireNonNull(signal, "signal is null");
    }

    int run(String roleName, ForegroundRole role) {
        long begin = System.nanoTime();
        signal.install();
        // a fallback for ways out that are not SIGTERM/SIGINT (SIGHUP, System.exit elsewhere); close is idempotent
        Thread hook = new Thread(() -> closeQuietly(role), "distgres-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            role.start();
        } catch (Exception e) {
            err.println("distgres: cannot start " + roleName + ": " + describe(e));
            return EXIT_FAILED;
        }
        out.printf(Locale.ROOT, "distgres ready in %.1f s: %s%n", (System.nanoTime() - begin) / 1e9, role.readyDetail());
        out.flush();
        try {
            String name = signal.await();
            out.println(name + " received, stopping");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            role.close();
        } catch (Exception e) {
            err.println("distgres: error while stopping " + roleName + ": " + describe(e));
            return EXIT_FAILED;
        }
        out.println("distgres: " + roleName + " stopped");
        out.flush();
        return EXIT_OK;
    }

    private void closeQuietly(AutoCloseable role) {
        try {
            role.close();
        } catch (Exception e) {
            err.println("distgres: error while stopping: " + describe(e));
        }
    }

    /** The innermost useful message: wrappers like ExecutionException add nothing a user needs. */
    static String describe(Throwable e) {
        Throwable t = e;
        while (t.getMessage() == null && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof BindException) {
            return "an address or port is in use by another process (" + t.getMessage() + ")";
        }
        return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }
}
