package io.distgres.planner.router;

import static java.util.Objects.requireNonNull;

import io.distgres.planner.catalog.RoutedTable;
import io.distgres.planner.catalog.RoutingCatalog;
import io.distgres.planner.hashing.DistributionHasher;
import io.distgres.planner.hashing.HashingException;
import io.distgres.planner.hashing.ShardRanges;
import io.distgres.planner.multishard.CoordinatorTierPlanner;
import io.distgres.planner.multishard.InsertSelectPushdown;
import io.distgres.planner.multishard.MultiShardPlanner;
import io.distgres.planner.parser.PostgresDelete;
import io.distgres.planner.parser.PostgresUpdate;
import io.distgres.planner.parser.SqlLockedQuery;
import io.distgres.planner.parser.SqlReturning;
import io.distgres.planner.parser.TableReference;
import io.distgres.planner.plan.Task;
import io.distgres.planner.render.ShardSql;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;

/**
 * The router tiers: a statement whose distributed tables are all pinned to shards by their
 * distribution column ({@code = constant}, {@code = $n}, {@code IN (...)}, or equal to another
 * pinned co-located column) runs as one task per shard group touched, on the node holding it;
 * reference tables join anywhere. Multi-row INSERTs are split by shard ({@link InsertRouter}).
 * Anything else is declined with the reason, for the next tier (or a 0A000 error).
 */
public final class RouterPlanner {
    private final ParsedStatementCache parsedStatements = new ParsedStatementCache(4096);
    /** One hasher per session TimeZone seen (few in practice; emptied past a bound). */
    private final Map<String, DistributionHasher> hashers = new java.util.concurrent.ConcurrentHashMap<>();
    private final CoordinatorTierPlanner coordinatorTier = new CoordinatorTierPlanner();

    /** Plans {@code sql} with its bound parameter values (text, null = NULL). */
    public RouterPlan plan(String sql, List<String> parameters, RoutingCatalog catalog) {
        requireNonNull(sql, "sql is null");
        ParsedStatementCache.Parsed parsed = parsedStatements.parse(sql);
        if (parsed.error() != null) {
            return new RouterPlan.NotApplicable("statements distgres's parser does not accept yet ("
                    + parsed.error().getMessage() + ")");
        }
        SqlNode node = parsed.node();
        List<TableReference> references = parsed.references();
        if (node instanceof SqlInsert insert && !references.isEmpty()) {
            Optional<RouterPlan> fromCoordinator = InsertSelectPlanner.plan(sql, insert, references, catalog);
            if (fromCoordinator.isPresent()) {
                return fromCoordinator.get();
            }
        }
        Map<TableReference, RoutedTable> tables = new LinkedHashMap<>();
        String localTable = null;
        for (TableReference ref : references) {
            Optional<RoutedTable> table = catalog.table(ref.name());
            if (table.isEmpty()) {
                localTable = localTable == null ? String.join(".", ref.name()) : localTable;
            } else {
                tables.put(ref, table.get());
            }
        }
        if (tables.isEmpty()) {
            return new RouterPlan.Local();
        }
        if (localTable != null) {
            RouterPlan coordinator = coordinatorTier.plan(sql, node, tables, parameters, catalog);
            return coordinator instanceof RouterPlan.NotApplicable ? new RouterPlan.NotApplicable(
                    "statements mixing distributed tables and local table \"" + localTable + "\"") : coordinator;
        }
        SqlNode statement = node instanceof SqlReturning returning ? returning.statement() : node;
        if (statement instanceof SqlInsert insert && tables.size() > 1
                && insert.getSource().getKind() != org.apache.calcite.sql.SqlKind.VALUES) {
            return insertSelect(sql, node, insert, tables, parameters, catalog);
        }
        DistributionHasher hasher = hasher(catalog.timeZone());
        if (statement instanceof SqlInsert insert) {
            return new InsertRouter(sql, insert, tables, parameters, catalog, hasher).plan();
        }
        if (statement instanceof PostgresUpdate update) {
            String column = updatedDistributionColumn(update, tables);
            if (column != null) {
                return new RouterPlan.NotApplicable("UPDATEs of the distribution column \"" + column
                        + "\" (rows cannot move between shards)");
            }
        }
        boolean writes = statement instanceof PostgresUpdate || statement instanceof PostgresDelete;
        PinnedValues pins = new PinnedValues(parameters);
        boolean simpleSelect = collectConditions(statement, pins);
        if (!writes && !(statement instanceof SqlSelect || statement instanceof SqlOrderBy
                || statement instanceof SqlLockedQuery)) {
            RouterPlan coordinator = coordinatorTier.plan(sql, node, tables, parameters, catalog);
            return coordinator instanceof RouterPlan.NotApplicable ? new RouterPlan.NotApplicable(
                    "this kind of statement") : coordinator;
        }
        RouterPlan routed = route(sql, tables, pins, parameters, writes, simpleSelect, hasher);
        if (!(routed instanceof RouterPlan.NotApplicable declined)) {
            return routed;
        }
        RouterPlan multiShard = new MultiShardPlanner(catalog::isAggregate).plan(sql, node, tables, parameters);
        if (!(multiShard instanceof RouterPlan.NotApplicable) || writes) {
            return multiShard instanceof RouterPlan.NotApplicable notSplit
                    ? new RouterPlan.NotApplicable(notSplit.reason()) : multiShard;
        }
        RouterPlan coordinator = coordinatorTier.plan(sql, node, tables, parameters, catalog);
        return coordinator instanceof RouterPlan.NotApplicable ? declined : coordinator;
    }

    /** INSERT ... SELECT reading distributed tables: pushed down when co-located, else through the coordinator. */
    private static RouterPlan insertSelect(String sql, SqlNode node, SqlInsert insert,
                                           Map<TableReference, RoutedTable> tables, List<String> parameters,
                                           RoutingCatalog catalog) {
        RouterPlan pushed = new InsertSelectPushdown(catalog::isAggregate).plan(sql, insert, tables, parameters,
                catalog);
        if (!(pushed instanceof RouterPlan.NotApplicable declined)) {
            return pushed;
        }
        RoutedTable target = tables.values().iterator().next();
        boolean onConflict = insert instanceof io.distgres.planner.parser.PostgresInsert p && p.onConflict() != null;
        if (node instanceof SqlReturning || onConflict) {
            return new RouterPlan.NotApplicable(declined.reason() + " with RETURNING or ON CONFLICT");
        }
        return InsertSelectPlanner.throughCoordinator(sql, insert, target, true);
    }

    /** The target's distribution column when the UPDATE sets it, else null. */
    private static String updatedDistributionColumn(PostgresUpdate update, Map<TableReference, RoutedTable> tables) {
        if (tables.isEmpty() || update.getTargetColumnList() == null) {
            return null;
        }
        RoutedTable target = tables.values().iterator().next();
        if (target.reference()) {
            return null;
        }
        for (SqlNode column : update.getTargetColumnList()) {
            if (column instanceof org.apache.calcite.sql.SqlIdentifier id
                    && id.names.get(id.names.size() - 1).equals(target.distributionColumn())) {
                return target.distributionColumn();
            }
        }
        return null;
    }

    /** Gathers WHERE/ON conjuncts; true when the statement is a plain SELECT whose results can be concatenated. */
    private static boolean collectConditions(SqlNode statement, PinnedValues pins) {
        if (statement instanceof SqlLockedQuery locked) {
            return collectConditions(locked.query(), pins) && false;
        }
        if (statement instanceof SqlOrderBy orderBy) {
            collectConditions(orderBy.query, pins);
            return false;
        }
        if (statement instanceof SqlSelect select) {
            pins.addConditionsOf(select.getFrom());
            pins.addConjunct(select.getWhere());
            return select.getGroup() == null && select.getHaving() == null && !select.isDistinct()
                    && select.getFetch() == null && select.getOffset() == null && select.getOrderList() == null
                    && !hasAggregate(select);
        }
        if (statement instanceof PostgresUpdate update) {
            pins.addConditionsOf(update.from());
            pins.addConjunct(update.getCondition());
        } else if (statement instanceof PostgresDelete delete) {
            pins.addConditionsOf(delete.using());
            pins.addConjunct(delete.getCondition());
        }
        return true;
    }

    private static boolean hasAggregate(SqlSelect select) {
        return AggregateCalls.anyIn(select.getSelectList());
    }

    private DistributionHasher hasher(String timeZone) {
        DistributionHasher known = hashers.get(timeZone);
        if (known == null) {
            if (hashers.size() >= 64) {
                hashers.clear();
            }
            known = DistributionHasher.forTimeZone(timeZone);
            hashers.put(timeZone, known);
        }
        return known;
    }

    private RouterPlan route(String sql, Map<TableReference, RoutedTable> tables, PinnedValues pins,
                             List<String> parameters, boolean writes, boolean concatenable, DistributionHasher hasher) {
        Integer colocationId = null;
        Set<Integer> shardIndexes = null;
        RoutedTable anchor = null;
        for (Map.Entry<TableReference, RoutedTable> entry : tables.entrySet()) {
            RoutedTable table = entry.getValue();
            if (table.reference()) {
                continue;
            }
            if (colocationId != null && colocationId != table.colocationId()) {
                return new RouterPlan.NotApplicable("joins between tables that are not co-located");
            }
            colocationId = table.colocationId();
            Set<String> values = pinnedValues(entry.getKey(), table, pins, tables.size() == 1);
            if (values == null) {
                return new RouterPlan.NotApplicable("statements on \"" + table.name()
                        + "\" that do not pin its distribution column \"" + table.distributionColumn()
                        + "\" to constants (multi-shard queries)");
            }
            Set<Integer> indexes = new TreeSet<>();
            for (String value : values) {
                indexes.add(shardIndex(table, value, hasher));
            }
            if (indexes.isEmpty()) {
                indexes.add(0);
            }
            shardIndexes = shardIndexes == null ? indexes : intersectOrFail(shardIndexes, indexes);
            if (shardIndexes == null) {
                return new RouterPlan.NotApplicable("co-located tables pinned to different shards");
            }
            anchor = table;
        }
        if (anchor == null) {
            return referenceOnly(sql, tables, parameters, writes);
        }
        if (shardIndexes.size() > 1 && (!concatenable || tables.size() > 1)) {
            return new RouterPlan.NotApplicable("queries over several shards that need a combine step");
        }
        List<Task> tasks = new ArrayList<>();
        for (int index : shardIndexes) {
            Map<TableReference, String> names = new HashMap<>();
            for (Map.Entry<TableReference, RoutedTable> entry : tables.entrySet()) {
                RoutedTable table = entry.getValue();
                RoutedTable.Shard shard = table.reference() ? table.shards().get(0) : table.shards().get(index);
                names.put(entry.getKey(), ShardSql.shardName(table, shard.shardId()));
            }
            int node = anchor.shards().get(index).nodeIds().get(0);
            if (writes && tables.values().stream().anyMatch(RoutedTable::reference)
                    && tables.entrySet().stream().anyMatch(e -> e.getValue().reference() && isTarget(e.getKey(), tables))) {
                return new RouterPlan.NotApplicable("writes to reference tables joined with distributed tables");
            }
            tasks.add(ShardSql.task(node, ShardSql.substitute(sql, names), parameters));
        }
        return new RouterPlan.Planned("router", tasks, writes, false);
    }

    private static boolean isTarget(TableReference ref, Map<TableReference, RoutedTable> tables) {
        return tables.keySet().iterator().next().equals(ref);
    }

    private static RouterPlan referenceOnly(String sql, Map<TableReference, RoutedTable> tables,
                                            List<String> parameters, boolean writes) {
        Map<TableReference, String> names = new HashMap<>();
        RoutedTable first = null;
        for (Map.Entry<TableReference, RoutedTable> entry : tables.entrySet()) {
            first = first == null ? entry.getValue() : first;
            names.put(entry.getKey(), ShardSql.shardName(entry.getValue(), entry.getValue().shards().get(0).shardId()));
        }
        if (first == null) {
            return new RouterPlan.NotApplicable("statements naming no table");
        }
        String shardSql = ShardSql.substitute(sql, names);
        List<Integer> nodes = first.shards().get(0).nodeIds();
        List<Task> tasks = new ArrayList<>();
        // a read needs one placement; a write must reach every placement
        for (int node : writes ? nodes : nodes.subList(0, 1)) {
            tasks.add(ShardSql.task(node, shardSql, parameters));
        }
        return new RouterPlan.Planned(writes ? "router (reference table, every placement)" : "router (reference table)",
                tasks, writes, writes);
    }

    private static Set<Integer> intersectOrFail(Set<Integer> a, Set<Integer> b) {
        if (a.equals(b)) {
            return a;
        }
        return null;
    }

    /** The values a table's distribution column is pinned to, or null when unpinned. */
    private static Set<String> pinnedValues(TableReference ref, RoutedTable table, PinnedValues pins,
                                            boolean onlyTable) {
        String qualifier = ref.alias().orElse(ref.tableName());
        Set<String> values = pins.valuesOf(new PinnedValues.ColumnRef(qualifier, table.distributionColumn()));
        if (values == null && ref.alias().isPresent()) {
            values = null;
        } else if (values == null) {
            values = pins.valuesOf(new PinnedValues.ColumnRef(ref.tableName(), table.distributionColumn()));
        }
        if (values == null && onlyTable) {
            values = pins.valuesOf(new PinnedValues.ColumnRef(null, table.distributionColumn()));
        }
        return values;
    }

    private static int shardIndex(RoutedTable table, String value, DistributionHasher hasher) {
        try {
            return ShardRanges.shardIndexFor(hasher.hash(table.distributionType(), value), table.shards().size());
        } catch (HashingException e) {
            throw new RoutingException(e.sqlState(), e.getMessage());
        }
    }
}
