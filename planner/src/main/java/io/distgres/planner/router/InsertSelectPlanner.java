package io.distgres.planner.router;

import io.distgres.planner.catalog.RoutedTable;
import io.distgres.planner.catalog.RoutingCatalog;
import io.distgres.planner.parser.PostgresInsert;
import io.distgres.planner.parser.SourcePositions;
import io.distgres.planner.parser.TableReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;

/**
 * Recognizes {@code INSERT INTO dist SELECT ...} whose SELECT reads only local tables or none
 * ({@code generate_series}): the coordinator evaluates the SELECT and routes its rows.
 */
final class InsertSelectPlanner {
    private InsertSelectPlanner() {
    }

    static Optional<RouterPlan> plan(String sql, SqlInsert insert, List<TableReference> references,
                                     RoutingCatalog catalog) {
        SqlNode source = insert.getSource();
        if (source.getKind() == SqlKind.VALUES || (insert instanceof PostgresInsert p && p.isDefaultValues())) {
            return Optional.empty();
        }
        TableReference target = references.get(0);
        Optional<RoutedTable> table = catalog.table(target.name());
        if (table.isEmpty()) {
            return Optional.empty();
        }
        for (TableReference ref : references.subList(1, references.size())) {
            if (catalog.table(ref.name()).isPresent()) {
                return Optional.empty();
            }
        }
        if (insert instanceof PostgresInsert p && p.onConflict() != null) {
            return Optional.of(new RouterPlan.NotApplicable("INSERT ... SELECT ... ON CONFLICT"));
        }
        return Optional.of(throughCoordinator(sql, insert, table.get(), false));
    }

    /** The SELECT runs first (on the coordinator, or through distgres's tiers when it reads distributed tables). */
    static RouterPlan throughCoordinator(String sql, SqlInsert insert, RoutedTable table, boolean distributedSource) {
        SqlNode source = insert.getSource();
        int start = new SourcePositions(sql).start(source.getParserPosition());
        String query = sql.substring(start).strip();
        if (query.endsWith(";")) {
            query = query.substring(0, query.length() - 1);
        }
        List<String> columns = new ArrayList<>();
        if (insert.getTargetColumnList() != null) {
            for (SqlNode column : insert.getTargetColumnList()) {
                columns.add(((SqlIdentifier) column).getSimple());
            }
        }
        return new RouterPlan.InsertSelect(table.schema(), table.name(), columns, query, distributedSource);
    }
}
