package io.distgres.coordinator.worker;

import io.distgres.proto.worker.v1.Column;
import java.util.List;

/**
 * A task's whole result, for callers that want it in memory (small results, DDL, tests).
 *
 * @param columns      column metadata, empty for statements without rows
 * @param rows         cells as PostgreSQL text, {@code null} for SQL NULL
 * @param commandTag   PostgreSQL command tag, e.g. {@code SELECT 3}
 * @param rowsAffected rows returned or changed
 */
public record TaskResult(List<Column> columns, List<List<String>> rows, String commandTag, long rowsAffected) {
    public TaskResult {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }
}
