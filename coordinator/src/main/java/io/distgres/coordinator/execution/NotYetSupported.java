package io.distgres.coordinator.execution;

import io.distgres.coordinator.error.PgError;
import io.distgres.coordinator.error.PgException;
import io.distgres.sqlstate.SqlState;

/** The 0A000 error for statements over distributed tables that no tier can plan yet. */
public final class NotYetSupported {
    private NotYetSupported() {
    }

    public static PgException statement(String what, String table) {
        return new PgException(new PgError("ERROR", SqlState.FEATURE_NOT_SUPPORTED,
                what + " on distributed table \"" + table + "\" is not supported by distgres yet",
                "Its rows live in shards on the workers; only the statements listed in the README are planned.",
                null, 0, null, null, null, null, null, null));
    }
}
