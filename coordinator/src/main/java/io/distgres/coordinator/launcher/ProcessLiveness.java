package io.distgres.coordinator.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Whether a process that is not our child has exited, counting a zombie as exited.
 *
 * <p>Postmasters started by {@code pg_ctl} are re-parented to init once {@code pg_ctl} exits, and
 * some inits reap their orphans only every second or so. Until then the exited postmaster is a
 * zombie that {@link ProcessHandle#isAlive()} still reports alive (and {@link ProcessHandle#onExit()}
 * polls for with growing pauses), although it holds no port, shared memory or file any more.
 */
public final class ProcessLiveness {
    private static final Duration POLL_INTERVAL = Duration.ofMillis(20);

    private ProcessLiveness() {
    }

    /** True once process {@code pid} is gone or a zombie. */
    public static boolean hasExited(long pid) {
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        return process.isEmpty() || !process.get().isAlive() || isZombie(pid);
    }

    /** Waits until {@link #hasExited} holds for {@code pid}; false if {@code timeout} passed first. */
    public static boolean awaitExit(long pid, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!hasExited(pid)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(POLL_INTERVAL.toMillis()); // a process we did not start gives no exit signal to wait on
        }
        return true;
    }

    /** Linux: the state letter after the command name in {@code /proc/<pid>/stat}; elsewhere never a zombie. */
    private static boolean isZombie(long pid) {
        String stat;
        try {
            stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            return false; // no /proc, or the process vanished meanwhile: the next poll asks ProcessHandle again
        }
        // "<pid> (<command, may hold spaces and parentheses>) <state> ..."
        int commandEnd = stat.lastIndexOf(')');
        if (commandEnd < 0 || commandEnd + 2 >= stat.length()) {
            return false;
        }
        char state = stat.charAt(commandEnd + 2);
        return state == 'Z' || state == 'X';
    }
}
