package io.distgres.planner.multishard;

import static java.util.Objects.requireNonNull;

import io.distgres.planner.plan.PlanningOutcome;

/**
 * What one step of splitting a statement found: a value, or the construct that keeps the
 * statement from being split (which the tier then declines with).
 */
record Checked<T>(T value, String declined) {

    static <T> Checked<T> of(T value) {
        return new Checked<>(requireNonNull(value, "value is null"), null);
    }

    static <T> Checked<T> declined(String construct) {
        return new Checked<>(null, requireNonNull(construct, "construct is null"));
    }

    boolean isDeclined() {
        return declined != null;
    }

    /** The tier's outcome for a declined step. */
    PlanningOutcome.NotApplicable notApplicable() {
        return new PlanningOutcome.NotApplicable(declined);
    }
}
