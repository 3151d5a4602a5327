package io.distgres.planner.router;

import io.distgres.planner.catalog.RoutedTable;
import io.distgres.planner.catalog.RoutingCatalog;
import io.distgres.planner.hashing.DistributionHasher;
import io.distgres.planner.parser.PostgresInsert;
import io.distgres.planner.parser.SourcePositions;
import io.distgres.planner.parser.TableReference;
import io.distgres.planner.plan.PlanningOutcome;
import io.distgres.planner.plan.RouterPlan;
import io.distgres.planner.plan.Task;
import io.distgres.planner.plan.Tier;
import io.distgres.planner.render.ShardNames;
import io.distgres.planner.render.ShardSql;
import io.distgres.sqlstate.SqlState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;

/**
 * Routes {@code INSERT INTO dist [(cols)] VALUES (...), (...) [ON CONFLICT ...] [RETURNING ...]}:
 * each row goes to the shard of its distribution value, one task per shard with that shard's
 * rows. Sequence defaults (serial/bigserial ids) the statement leaves out are filled in from the
 * coordinator's sequence so ids stay unique across shards.
 */
public final class InsertRouter {
    private final String sql;
    private final SqlInsert insert;
    private final Map<TableReference, RoutedTable> tables;
    private final List<String> parameters;
    private final RoutingCatalog catalog;
    private final DistributionHasher hasher;

    public InsertRouter(String sql, SqlInsert insert, Map<TableReference, RoutedTable> tables, List<String> parameters,
                 RoutingCatalog catalog, DistributionHasher hasher) {
        this.sql = sql;
        this.insert = insert;
        this.tables = tables;
        this.parameters = parameters;
        this.catalog = catalog;
        this.hasher = hasher;
    }

    /** The plan, or why the router cannot route this INSERT. */
    public PlanningOutcome plan() {
        if (tables.size() != 1) {
            return new PlanningOutcome.NotApplicable("INSERT ... SELECT and INSERTs reading other tables");
        }
        TableReference target = tables.keySet().iterator().next();
        RoutedTable table = tables.get(target);
        SqlNode source = insert.getSource();
        if (!(source instanceof SqlCall values) || source.getKind() != SqlKind.VALUES) {
            return new PlanningOutcome.NotApplicable(insert instanceof PostgresInsert p && p.isDefaultValues()
                    ? "INSERT ... DEFAULT VALUES" : "INSERT ... SELECT");
        }
        List<RoutingCatalog.ColumnInfo> columns = catalog.columns(table);
        List<String> targetColumns = targetColumns(columns);
        List<SqlCall> rows = new ArrayList<>();
        for (SqlNode row : values.getOperandList()) {
            if (!(row instanceof SqlCall call) || row.getKind() != SqlKind.ROW) {
                return new PlanningOutcome.NotApplicable("VALUES rows that are not row constructors");
            }
            rows.add(call);
        }
        SourcePositions positions = new SourcePositions(sql);
        // sequence columns the statement leaves out get coordinator-made values
        List<RoutingCatalog.ColumnInfo> filled = columns.stream()
                .filter(c -> c.sequenceDefault() != null && !targetColumns.contains(c.name())).toList();
        if (!filled.isEmpty() && insert.getTargetColumnList() == null) {
            return new PlanningOutcome.NotApplicable("INSERT without a column list into a table with sequence defaults"
                    + " left to DEFAULT");
        }
        List<List<String>> generated = new ArrayList<>();
        for (RoutingCatalog.ColumnInfo column : filled) {
            generated.add(catalog.nextValues(column.sequenceDefault(), rows.size()));
        }
        Map<Integer, List<String>> rowTextsByShard = new LinkedHashMap<>();
        for (int r = 0; r < rows.size(); r++) {
            SqlCall row = rows.get(r);
            int shard = 0;
            if (!table.reference()) {
                int position = targetColumns.indexOf(table.distributionColumn());
                if (position < 0 || position >= row.operandCount()) {
                    throw new RoutingException(SqlState.NOT_NULL_VIOLATION, "null value in column \"" + table.distributionColumn()
                            + "\" of relation \"" + table.name() + "\" violates not-null constraint");
                }
                Optional<Constant> value = Constant.of(row.operand(position), parameters);
                if (value.isEmpty()) {
                    return new PlanningOutcome.NotApplicable("INSERT whose distribution column value is an expression");
                }
                if (value.get().isNull()) {
                    throw new RoutingException(SqlState.NOT_NULL_VIOLATION, "null value in column \"" + table.distributionColumn()
                            + "\" of relation \"" + table.name() + "\" violates not-null constraint");
                }
                shard = ShardKeys.shardIndex(table, value.get().text(), hasher);
            }
            String rowText = sql.substring(positions.start(row.getParserPosition()),
                    positions.end(row.getParserPosition()));
            if (!generated.isEmpty()) {
                StringBuilder extra = new StringBuilder();
                for (List<String> sequenceValues : generated) {
                    extra.append(", ").append(sequenceValues.get(r));
                }
                int close = rowText.lastIndexOf(')');
                rowText = rowText.substring(0, close) + extra + rowText.substring(close);
            }
            rowTextsByShard.computeIfAbsent(shard, k -> new ArrayList<>()).add(rowText);
        }
        int valuesStart = positions.start(values.getParserPosition());
        int valuesEnd = positions.end(rows.get(rows.size() - 1).getParserPosition());
        String head = sql.substring(0, valuesStart);
        if (!filled.isEmpty()) {
            SqlNodeList list = insert.getTargetColumnList();
            int listEnd = positions.end(list.get(list.size() - 1).getParserPosition());
            StringBuilder names = new StringBuilder();
            for (RoutingCatalog.ColumnInfo column : filled) {
                names.append(", ").append(ShardNames.quote(column.name()));
            }
            head = sql.substring(0, listEnd) + names + sql.substring(listEnd, valuesStart);
        }
        List<Task> tasks = new ArrayList<>();
        for (Map.Entry<Integer, List<String>> entry : rowTextsByShard.entrySet()) {
            RoutedTable.Shard shard = table.shards().get(entry.getKey());
            String statement = head + "VALUES " + String.join(", ", entry.getValue()) + tail(valuesEnd, shard);
            String shardSql = ShardSql.substitute(statement, Map.of(target, ShardSql.shardName(table, shard.shardId())));
            for (int node : shard.nodeIds()) {
                tasks.add(ShardSql.task(node, shardSql, parameters));
            }
        }
        return new PlanningOutcome.Planned(new RouterPlan(Tier.ROUTER, tasks, true, table.reference()
                ? RouterPlan.Placements.EVERY_REFERENCE_PLACEMENT : RouterPlan.Placements.SHARD_GROUPS));
    }

    /** The text after VALUES, with {@code ON CONFLICT ON CONSTRAINT c} naming the shard's constraint. */
    private String tail(int valuesEnd, RoutedTable.Shard shard) {
        String tail = sql.substring(valuesEnd);
        SourcePositions positions = new SourcePositions(sql);
        if (insert instanceof PostgresInsert p && p.onConflict() != null && p.onConflict().constraint() != null) {
            SqlIdentifier constraint = p.onConflict().constraint();
            int start = positions.start(constraint.getParserPosition()) - valuesEnd;
            int end = positions.end(constraint.getParserPosition()) - valuesEnd;
            if (start >= 0 && end <= tail.length()) {
                String shardConstraint = ShardNames.withSuffix(constraint.names.get(constraint.names.size() - 1),
                        "_" + shard.shardId());
                tail = tail.substring(0, start) + ShardNames.quote(shardConstraint) + tail.substring(end);
            }
        }
        return tail;
    }

    private List<String> targetColumns(List<RoutingCatalog.ColumnInfo> columns) {
        SqlNodeList list = insert.getTargetColumnList();
        List<String> names = new ArrayList<>();
        if (list == null) {
            columns.forEach(c -> names.add(c.name()));
            return names;
        }
        for (SqlNode node : list) {
            names.add(((SqlIdentifier) node).getSimple());
        }
        return names;
    }

}
