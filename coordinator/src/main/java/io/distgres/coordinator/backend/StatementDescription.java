package io.distgres.coordinator.backend;

import io.distgres.coordinator.pgwire.codec.ColumnDescriptor;
import java.util.List;

/**
 * What Describe of a statement reports: parameter types and the row shape.
 *
 * @param parameterTypes one type OID per parameter
 * @param columns        the result columns, or null when the statement returns no rows
 */
public record StatementDescription(int[] parameterTypes, List<ColumnDescriptor> columns) {
    public StatementDescription {
        columns = columns == null ? null : List.copyOf(columns);
    }
}
