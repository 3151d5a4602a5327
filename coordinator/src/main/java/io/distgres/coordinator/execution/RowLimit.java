package io.distgres.coordinator.execution;

import io.distgres.coordinator.error.PgException;
import io.distgres.sqlstate.SqlState;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The most rows the coordinator gathers from shards for one statement (combine steps and the
 * coordinator tier): {@code SET distgres.coordinator_row_limit = N} for the session, else the
 * coordinator's default. Past it the statement fails with 54000 instead of exhausting memory.
 */
final class RowLimit {
    static final String SETTING = "distgres.coordinator_row_limit";

    private RowLimit() {
    }

    static long of(SessionAccess session, long defaultLimit) {
        String[] value = new String[1];
        session.coordinatorLease().run("SELECT pg_catalog.current_setting('" + SETTING + "', true)", 0, List.of(),
                cells -> value[0] = cells[0] == null ? null : new String(cells[0], StandardCharsets.UTF_8));
        if (value[0] == null || value[0].isBlank()) {
            return defaultLimit;
        }
        try {
            long limit = Long.parseLong(value[0].trim());
            if (limit <= 0) {
                throw new NumberFormatException();
            }
            return limit;
        } catch (NumberFormatException e) {
            throw new PgException(SqlState.INVALID_PARAMETER_VALUE, "invalid value for parameter \"" + SETTING
                    + "\": \"" + value[0] + "\" (a positive number of rows)");
        }
    }
}
