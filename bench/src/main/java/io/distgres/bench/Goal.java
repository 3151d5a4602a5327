package io.distgres.bench;

import java.util.OptionalDouble;

/**
 * A target from the performance issue and what this run reached.
 *
 * @param description e.g. {@code pgbench -S simple, 16 clients: distgres ÷ direct TPS}
 * @param target      the goal value
 * @param atLeast     true when the reached value must be at least the target, false for at most
 * @param reached     the measured value, empty when it could not be measured
 */
public record Goal(String description, double target, boolean atLeast, OptionalDouble reached) {
    /** "met", "not met" or "not measured". */
    public String verdict() {
        if (reached.isEmpty()) {
            return "not measured";
        }
        double value = reached.getAsDouble();
        return (atLeast ? value >= target : value <= target) ? "met" : "not met";
    }
}
