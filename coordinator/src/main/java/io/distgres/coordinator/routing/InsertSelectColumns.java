package io.distgres.coordinator.routing;

import io.distgres.coordinator.error.PgError;
import io.distgres.coordinator.error.PgException;
import io.distgres.coordinator.schema.ColumnDefinition;
import io.distgres.sqlstate.SqlState;
import java.util.List;
import java.util.function.Supplier;

/**
 * The columns an {@code INSERT ... SELECT} run through the coordinator fills, as PostgreSQL assigns
 * them: the listed ones, else the table's first columns in order, one per selected column; the
 * others get their defaults. A count that does not match fails with PostgreSQL's own error.
 */
final class InsertSelectColumns {
    private InsertSelectColumns() {
    }

    /**
     * @param listed   the INSERT's column list, empty when it has none
     * @param selected how many columns the SELECT returns
     * @param table    the target table's columns in order (read only when {@code listed} is empty)
     */
    static List<String> of(List<String> listed, int selected, Supplier<List<ColumnDefinition>> table) {
        if (!listed.isEmpty()) {
            if (selected > listed.size()) {
                throw tooManyExpressions();
            }
            if (selected < listed.size()) {
                throw new PgException(SqlState.SYNTAX_ERROR, "INSERT has more target columns than expressions");
            }
            return listed;
        }
        List<ColumnDefinition> columns = table.get();
        if (selected > columns.size()) {
            throw tooManyExpressions();
        }
        List<ColumnDefinition> filled = columns.subList(0, selected);
        for (ColumnDefinition column : filled) {
            if (column.generated()) {
                throw new PgException(new PgError("ERROR", SqlState.GENERATED_ALWAYS, "cannot insert a non-DEFAULT value into column \""
                        + column.name() + "\"", "Column \"" + column.name() + "\" is a generated column.", null, 0,
                        null, null, null, null, null, null));
            }
        }
        return filled.stream().map(ColumnDefinition::name).toList();
    }

    private static PgException tooManyExpressions() {
        return new PgException(SqlState.SYNTAX_ERROR, "INSERT has more expressions than target columns");
    }
}
