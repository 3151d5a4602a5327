package io.distgres.planner.plan;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One piece of a routed statement: the SQL for one shard (group) and the node to run it on.
 *
 * @param nodeId     the node holding the shard group
 * @param sql        the user's statement with shard names in place of table names
 * @param parameters the statement's parameter values in the task's $1..$n order (null = NULL)
 */
public record Task(int nodeId, String sql, List<String> parameters) {
    public Task {
        requireNonNull(sql, "sql is null");
        parameters = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(parameters));
    }
}
