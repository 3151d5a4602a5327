package io.distgres.coordinator.session;

import static java.util.Objects.requireNonNull;

import io.distgres.coordinator.backend.ResultSink;
import io.distgres.coordinator.error.PgError;
import io.distgres.coordinator.error.PgException;
import io.distgres.coordinator.pgwire.codec.ColumnDescriptor;
import io.distgres.sqlstate.SqlState;
import java.util.List;

/**
 * Relays a prepared statement's result only when it has the columns the statement was described
 * with; otherwise drops it, and {@link #verify} fails with PostgreSQL's "cached plan must not
 * change result type". The last line of defence for DDL the coordinator could not see coming:
 * DataRows of another shape than the client's RowDescription would be read as garbage.
 */
final class RowTypeGuard implements ResultSink {
    private final ResultSink target;
    private final int describedColumns;
    private boolean changed;

    RowTypeGuard(ResultSink target, int describedColumns) {
        this.target = requireNonNull(target, "target is null");
        this.describedColumns = describedColumns;
    }

    /**
     * PostgreSQL's error for a prepared statement whose row type changed (0A000), with its routine:
     * pgjdbc prepares the statement again and retries on exactly this (in autocommit).
     */
    static PgException changed() {
        return new PgException(PgError.error(SqlState.FEATURE_NOT_SUPPORTED, "cached plan must not change result type")
                .withRoutine("RevalidateCachedQuery"));
    }

    /** Same names, types and type modifiers, in order: what PostgreSQL compares (equalRowTypes). */
    static boolean sameRowType(List<ColumnDescriptor> before, List<ColumnDescriptor> after) {
        if (after == null || before.size() != after.size()) {
            return false;
        }
        for (int i = 0; i < before.size(); i++) {
            ColumnDescriptor a = before.get(i);
            ColumnDescriptor b = after.get(i);
            if (!a.name().equals(b.name()) || a.typeOid() != b.typeOid() || a.typeModifier() != b.typeModifier()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void columns(List<ColumnDescriptor> columns) {
        if (columns.size() != describedColumns) {
            changed = true;
        } else {
            target.columns(columns);
        }
    }

    @Override
    public void row(byte[][] cells) {
        if (!changed) {
            target.row(cells);
        }
    }

    @Override
    public void complete(String commandTag) {
        if (!changed) {
            target.complete(commandTag);
        }
    }

    @Override
    public void notice(PgError notice) {
        target.notice(notice);
    }

    /** Fails when the result had another number of columns than described. */
    void verify() {
        if (changed) {
            throw changed();
        }
    }
}
