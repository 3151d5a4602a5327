package io.distgres.planner.tier;

import static java.util.Objects.requireNonNull;

import io.distgres.planner.catalog.RoutedTable;
import io.distgres.planner.catalog.RoutingCatalog;
import io.distgres.planner.hashing.DistributionHasher;
import io.distgres.planner.parser.PostgresUpdate;
import io.distgres.planner.parser.SqlReturning;
import io.distgres.planner.parser.TableReference;
import io.distgres.planner.plan.PlanningOutcome;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;

/**
 * What every tier reads about one statement: its text and parse tree, the tables it names as the
 * catalog resolved them, its bound parameters and the catalog. Read-only; tiers share it.
 *
 * @param sql        the statement's text
 * @param node       the parse tree (an INSERT/UPDATE/DELETE with RETURNING is a {@link SqlReturning})
 * @param references every table reference, in the parser's order (the INSERT target first)
 * @param tables     the references that name distributed or reference tables, in that order
 * @param localTable the first reference naming no distributed table (a local table), if any
 * @param parameters bound parameter values as text, $1 first (null = NULL)
 * @param catalog    the catalog the tables came from
 * @param hasher     hashes distribution values in the session's TimeZone
 */
public record PlanningInput(String sql, SqlNode node, List<TableReference> references,
                            Map<TableReference, RoutedTable> tables, Optional<String> localTable,
                            List<String> parameters, RoutingCatalog catalog, DistributionHasher hasher) {
    public PlanningInput {
        requireNonNull(sql, "sql is null");
        requireNonNull(node, "node is null");
        references = List.copyOf(references);
        tables = Collections.unmodifiableMap(tables);
        requireNonNull(localTable, "localTable is null");
        parameters = Collections.unmodifiableList(parameters);
        requireNonNull(catalog, "catalog is null");
        requireNonNull(hasher, "hasher is null");
    }

    /** The statement without its RETURNING list. */
    public SqlNode statement() {
        return node instanceof SqlReturning returning ? returning.statement() : node;
    }

    public StatementKind kind() {
        return StatementKind.of(statement());
    }

    /** The decline of every tier but the coordinator's for statements that also read local tables. */
    public PlanningOutcome.NotApplicable mixedWithLocalTable() {
        return new PlanningOutcome.NotApplicable("statements mixing distributed tables and local table \""
                + localTable.orElseThrow() + "\"");
    }

    /**
     * The distribution column an UPDATE sets on its target, if it does: rows would have to move
     * between shards, which no tier does.
     */
    public Optional<PlanningOutcome.NotApplicable> movesRows() {
        if (!(statement() instanceof PostgresUpdate update) || tables.isEmpty()
                || update.getTargetColumnList() == null) {
            return Optional.empty();
        }
        RoutedTable target = tables.values().iterator().next();
        if (target.reference()) {
            return Optional.empty();
        }
        for (SqlNode column : update.getTargetColumnList()) {
            if (column instanceof SqlIdentifier id
                    && id.names.get(id.names.size() - 1).equals(target.distributionColumn())) {
                return Optional.of(new PlanningOutcome.NotApplicable("UPDATEs of the distribution column \""
                        + target.distributionColumn() + "\" (rows cannot move between shards)"));
            }
        }
        return Optional.empty();
    }
}
