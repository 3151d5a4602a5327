package io.distgres.planner.tier;

import io.distgres.planner.catalog.RoutedTable;
import io.distgres.planner.parser.PostgresDelete;
import io.distgres.planner.parser.PostgresUpdate;
import io.distgres.planner.parser.SqlLockedQuery;
import io.distgres.planner.parser.TableReference;
import io.distgres.planner.plan.PlanningOutcome;
import io.distgres.planner.plan.RouterPlan;
import io.distgres.planner.plan.Tier;
import io.distgres.planner.render.ShardNames;
import io.distgres.planner.render.ShardSql;
import io.distgres.planner.router.Constant;
import io.distgres.planner.router.ShardKeys;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;

/**
 * The cheapest tier (Citus's fast-path router): a SELECT, UPDATE or DELETE on one distributed
 * table whose WHERE has {@code dist_col = constant} or {@code dist_col = $n} as a top-level
 * conjunct. Every row the statement touches then has that value, so the statement runs unchanged
 * on the one shard holding it, whatever else it does (aggregates, ORDER BY, locking). No join
 * analysis, no pinned-value sets: the WHERE's conjuncts are read once for that one equality.
 */
public final class FastPathTier implements PlannerTier {
    private static final Set<StatementKind> KINDS = Set.of(StatementKind.SELECT, StatementKind.UPDATE,
            StatementKind.DELETE);

    @Override
    public Tier tier() {
        return Tier.FAST_PATH;
    }

    @Override
    public boolean handles(StatementKind kind) {
        return KINDS.contains(kind);
    }

    @Override
    public PlanningOutcome tryPlan(PlanningInput input) {
        if (input.localTable().isPresent()) {
            return input.mixedWithLocalTable();
        }
        if (input.references().size() != 1) {
            return declined("statements naming more than one table");
        }
        TableReference reference = input.references().get(0);
        RoutedTable table = input.tables().get(reference);
        if (table.reference()) {
            return declined("statements on reference tables");
        }
        Optional<PlanningOutcome.NotApplicable> movesRows = input.movesRows();
        if (movesRows.isPresent()) {
            return movesRows.get();
        }
        if (where(input.statement()) == null) {
            return declined("statements other than a SELECT, UPDATE or DELETE of one table with a WHERE");
        }
        Optional<SqlNode> pinned = pinnedNode(input);
        if (pinned.isEmpty()) {
            return declined("statements whose WHERE does not have " + table.distributionColumn()
                    + " = constant as a top-level conjunct");
        }
        Optional<Constant> key = Constant.of(pinned.get(), input.parameters());
        if (key.get().isNull()) {
            return declined("a distribution column compared with NULL");
        }
        RoutedTable.Shard shard = table.shards().get(ShardKeys.shardIndex(table, key.get().text(), input.hasher()));
        String sql = ShardSql.substitute(input.sql(), Map.of(reference, ShardNames.shardName(table, shard.shardId())));
        boolean writes = input.kind() != StatementKind.SELECT;
        return new PlanningOutcome.Planned(new RouterPlan(Tier.FAST_PATH,
                List.of(ShardSql.task(shard.nodeIds().get(0), sql, input.parameters())), writes,
                RouterPlan.Placements.SHARD_GROUPS));
    }

    /**
     * The constant (literal, {@code $n}, or a cast or negation of one) that a one-table statement's
     * WHERE compares its distribution column with in a top-level conjunct, if any: the node whose
     * value picks the shard.
     */
    static Optional<SqlNode> pinnedNode(PlanningInput input) {
        SqlNode where = where(input.statement());
        if (where == null || input.references().size() != 1) {
            return Optional.empty();
        }
        TableReference reference = input.references().get(0);
        RoutedTable table = input.tables().get(reference);
        if (table == null) {
            return Optional.empty();
        }
        String qualifier = reference.alias().orElse(reference.tableName());
        return pinnedKey(where, qualifier, table.distributionColumn(), input.parameters());
    }

    /** The WHERE of a one-table SELECT / UPDATE / DELETE (no joins, USING or FROM lists), else null. */
    private static SqlNode where(SqlNode statement) {
        if (statement instanceof SqlLockedQuery locked) {
            return where(locked.query());
        }
        if (statement instanceof SqlOrderBy orderBy) {
            return where(orderBy.query);
        }
        if (statement instanceof SqlSelect select) {
            return isTable(select.getFrom()) ? select.getWhere() : null;
        }
        if (statement instanceof PostgresUpdate update) {
            return update.from() == null ? update.getCondition() : null;
        }
        if (statement instanceof PostgresDelete delete) {
            return delete.using() == null ? delete.getCondition() : null;
        }
        return null;
    }

    private static boolean isTable(SqlNode from) {
        return from instanceof SqlIdentifier
                || (from instanceof SqlBasicCall call && call.getKind() == SqlKind.AS
                && call.operand(0) instanceof SqlIdentifier);
    }

    /** The constant side of the first top-level conjunct {@code column = constant} (either side), if any. */
    private static Optional<SqlNode> pinnedKey(SqlNode condition, String qualifier, String column,
                                               List<String> parameters) {
        if (!(condition instanceof SqlBasicCall call)) {
            return Optional.empty();
        }
        if (call.getKind() == SqlKind.AND) {
            for (SqlNode operand : call.getOperandList()) {
                Optional<SqlNode> key = pinnedKey(operand, qualifier, column, parameters);
                if (key.isPresent()) {
                    return key;
                }
            }
            return Optional.empty();
        }
        if (call.getKind() != SqlKind.EQUALS) {
            return Optional.empty();
        }
        if (isColumn(call.operand(0), qualifier, column) && Constant.of(call.operand(1), parameters).isPresent()) {
            return Optional.of(call.operand(1));
        }
        if (isColumn(call.operand(1), qualifier, column) && Constant.of(call.operand(0), parameters).isPresent()) {
            return Optional.of(call.operand(0));
        }
        return Optional.empty();
    }

    /** True for {@code column} or {@code qualifier.column}. */
    private static boolean isColumn(SqlNode node, String qualifier, String column) {
        if (!(node instanceof SqlIdentifier id) || id.isStar()) {
            return false;
        }
        List<String> names = id.names;
        return (names.size() == 1 && names.get(0).equals(column))
                || (names.size() == 2 && names.get(0).equals(qualifier) && names.get(1).equals(column));
    }

    private static PlanningOutcome declined(String construct) {
        return new PlanningOutcome.NotApplicable(construct);
    }
}
