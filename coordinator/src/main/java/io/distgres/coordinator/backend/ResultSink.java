package io.distgres.coordinator.backend;

import io.distgres.coordinator.error.PgError;
import io.distgres.coordinator.pgwire.codec.ColumnDescriptor;
import java.util.List;

/**
 * Receives one statement's result as it is produced: columns, rows of text cells, the command
 * tag. Sinks that only want rows (distgres's own queries) implement {@link #row} alone.
 */
public interface ResultSink {
    /** The row shape; called before the first row of a row-returning statement (also with no rows). */
    default void columns(List<ColumnDescriptor> columns) {
    }

    /** One row of PostgreSQL text-format cells; null is SQL NULL. */
    void row(byte[][] cells);

    /** The statement's command tag, e.g. "SELECT 3" or "CREATE TABLE". */
    default void complete(String commandTag) {
    }

    /** A NOTICE or WARNING raised while running. */
    default void notice(PgError notice) {
    }
}
