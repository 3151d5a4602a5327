package io.distgres.bench;

import java.lang.management.ManagementFactory;

/**
 * CPU time of this JVM, which hosts the coordinator and both worker agents: the part of a
 * distgres query's cost that PostgreSQL does not have, and that stays comparable on a noisy machine.
 */
final class JvmCpu {
    private JvmCpu() {
    }

    /** Process CPU time (user + system, all threads) in nanoseconds; -1 when the JVM cannot tell. */
    static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }
}
