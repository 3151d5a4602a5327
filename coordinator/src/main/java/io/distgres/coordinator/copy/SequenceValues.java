package io.distgres.coordinator.copy;

import static java.util.Objects.requireNonNull;

import io.distgres.coordinator.backend.BackendLease;
import io.distgres.coordinator.schema.ColumnDefinition;
import io.distgres.planner.sql.SqlIdentifiers;
import io.distgres.planner.sql.SqlLiterals;
import java.util.List;

/**
 * Draws the values of sequence-backed defaults (serial, bigserial, identity) on the coordinator
 * for COPY rows that omit those columns, so ids stay unique across shards. Values come in
 * batches of {@link #BATCH} rows from one query; the unused rest of the last batch is a gap,
 * as with any sequence cache.
 */
final class SequenceValues {
    private static final int BATCH = 1000;

    private final BackendLease lease;
    private final String query;
    private List<List<String>> batch = List.of();
    private int next;

    /** @param expressions one SQL expression per appended column, e.g. {@code nextval('t_id_seq'::regclass)} */
    SequenceValues(BackendLease lease, List<String> expressions) {
        this.lease = requireNonNull(lease, "lease is null");
        this.query = "SELECT " + String.join(", ", expressions) + " FROM pg_catalog.generate_series(1, " + BATCH + ")";
    }

    /** The default expression PostgreSQL would evaluate for {@code column} of {@code target}. */
    static String expression(CopyTarget target, ColumnDefinition column) {
        if (column.identity() || column.defaultExpr() == null) {
            return "pg_catalog.nextval(pg_catalog.pg_get_serial_sequence(" + SqlLiterals.quote(
                    SqlIdentifiers.qualified(target.table().schemaName(), target.name())) + ", "
                    + SqlLiterals.quote(column.name()) + "))";
        }
        return column.defaultExpr();
    }

    /** The next row's values, appended to the row as text fields. */
    List<String> nextRow() {
        if (next == batch.size()) {
            batch = CopyTarget.query(lease, query);
            next = 0;
        }
        return batch.get(next++);
    }
}
