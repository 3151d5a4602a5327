package io.distgres.planner.render;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * SQL for the coordinator's PostgreSQL and the user's parameter values it binds as
 * {@code $1..$k}; the gathered or pulled rows follow as parameters {@code $k+1...}.
 */
public record RenderedSql(String sql, List<String> parameters) {
    public RenderedSql {
        requireNonNull(sql, "sql is null");
        parameters = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(parameters));
    }

    /** The number of the first parameter after the user's: where the rows' arrays start. */
    public int firstRowParameter() {
        return parameters.size() + 1;
    }
}
