package io.distgres.coordinator.copy;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * A client's {@code COPY table [(columns)] FROM STDIN | TO STDOUT [options]} as distgres runs it.
 *
 * @param schema  the schema the client named, if any
 * @param table   the table name (case-folded unless quoted)
 * @param columns the column list, empty when the client gave none (every column)
 * @param from    true for FROM STDIN, false for TO STDOUT
 * @param format  text or CSV; the rows are forwarded to workers in the same format
 */
public record CopyCommand(Optional<String> schema, String table, List<String> columns, boolean from, CopyFormat format) {
    public CopyCommand {
        requireNonNull(schema, "schema is null");
        requireNonNull(table, "table is null");
        columns = List.copyOf(columns);
        requireNonNull(format, "format is null");
    }
}
