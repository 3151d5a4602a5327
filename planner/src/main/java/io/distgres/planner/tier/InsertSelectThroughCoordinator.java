package io.distgres.planner.tier;

import io.distgres.planner.catalog.RoutedTable;
import io.distgres.planner.parser.SourcePositions;
import io.distgres.planner.plan.InsertSelectPlan;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlNode;

/**
 * {@code INSERT INTO dist [(columns)] SELECT ...} planned as its SELECT, run first, and a load of
 * its rows into the target's shards like a COPY.
 */
final class InsertSelectThroughCoordinator {
    private InsertSelectThroughCoordinator() {
    }

    /**
     * The plan for {@code insert} into {@code table}.
     *
     * @param distributedSource whether the SELECT reads distributed tables (then distgres's tiers run
     *                          it; otherwise the coordinator's PostgreSQL does)
     */
    static InsertSelectPlan plan(String sql, SqlInsert insert, RoutedTable table, boolean distributedSource) {
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
        return new InsertSelectPlan(table.schema(), table.name(), columns, query, distributedSource);
    }
}
