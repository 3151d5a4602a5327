package io.distgres.coordinator.session.route;

import static java.util.Objects.requireNonNull;

import io.distgres.coordinator.ddl.PrivilegePropagator;
import io.distgres.coordinator.error.PgError;
import io.distgres.coordinator.error.PgException;
import io.distgres.coordinator.metadata.CatalogSnapshot;
import io.distgres.coordinator.metadata.DistTable;
import io.distgres.coordinator.schema.ShellGuard;
import io.distgres.coordinator.tables.DistgresFunctions;
import io.distgres.coordinator.transaction.TransactionStatement;
import io.distgres.planner.classify.DistributedTableReferences;
import io.distgres.planner.classify.StatementClass;
import io.distgres.planner.classify.StatementClassifier;
import io.distgres.planner.sql.SqlPreparedCommand;
import io.distgres.planner.sql.SqlTokens;
import io.distgres.planner.sql.StatementText;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Decides a client statement's {@link StatementRoute} and {@link StatementEffects} from its tokens:
 * the one place that says what kind of statement it is and whether it names a distributed table.
 * The simple protocol asks once per statement; Parse and PREPARE ask once and keep the answer,
 * which {@link #current} re-decides only when the catalog's distributed tables may have changed.
 *
 * <p>Whether a name that matches a distributed table means it under the session's search_path is
 * not decided here: the distributed executors resolve names when the statement runs (through the
 * name caches the DDL epoch invalidates), and run the {@link StatementRoute.Distributed#ifLocal
 * local route} when every such name is local.
 */
public final class StatementRouteDecider {
    /** The first words of SQL-level PREPARE, EXECUTE, EXPLAIN EXECUTE and DEALLOCATE. */
    private static final Set<String> SQL_PREPARED = Set.of("PREPARE", "EXECUTE", "EXPLAIN", "DEALLOCATE");
    /** The first words of role statements and GRANT / REVOKE, the only ones the privilege propagator reads. */
    private static final Set<String> PRIVILEGES = Set.of("CREATE", "ALTER", "DROP", "GRANT", "REVOKE");

    private final Supplier<CatalogSnapshot> catalog;
    private final StatementClassifier classifier;
    private volatile TableNames tableNames = new TableNames(null, new DistributedTableReferences(Set.of()));

    /** @param catalog the catalog as of now (a cheap read, called once per decision) */
    public StatementRouteDecider(Supplier<CatalogSnapshot> catalog, StatementClassifier classifier) {
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.classifier = requireNonNull(classifier, "classifier is null");
    }

    /** The names of the distributed tables of one catalog snapshot. */
    private record TableNames(CatalogSnapshot snapshot, DistributedTableReferences references) {
    }

    /**
     * Decides {@code statement}'s route against the catalog as of now. Fails with 42601 for a
     * malformed PREPARE, EXECUTE or DEALLOCATE, as PostgreSQL's parser would.
     */
    public RoutedStatement decide(StatementText statement) {
        TableNames names = tableNames();
        if (statement.isEmpty()) {
            return new RoutedStatement(statement, StatementRoute.EMPTY, StatementEffects.NONE, names.snapshot());
        }
        String first = statement.firstWord();
        if (SQL_PREPARED.contains(first)) {
            Optional<SqlPreparedCommand> command = sqlPreparedCommand(statement);
            if (command.isPresent()) {
                return new RoutedStatement(statement, new StatementRoute.SqlPrepared(command.get()),
                        effects(statement), names.snapshot());
            }
        }
        StatementClass kind = classifier.classify(statement);
        if (kind == StatementClass.CLIENT_ENCODING) {
            return new RoutedStatement(statement, new StatementRoute.SetClientEncoding(clientEncoding(statement)),
                    StatementEffects.NONE, names.snapshot());
        }
        return new RoutedStatement(statement, route(statement, first, kind, names.references()), effects(statement),
                names.snapshot());
    }

    /** {@code routed} itself while the catalog is the one it was decided against, else decided again. */
    public RoutedStatement current(RoutedStatement routed) {
        return catalog.get() == routed.decidedWith() ? routed : decide(routed.statement());
    }

    private StatementRoute route(StatementText statement, String first, StatementClass kind,
                                 DistributedTableReferences references) {
        TransactionStatement transaction = TransactionStatement.of(statement);
        if (transaction != TransactionStatement.NONE) {
            // their names are savepoints and settings, never tables
            return new StatementRoute.TransactionControl(transaction);
        }
        if (first.equals("SELECT")) {
            var call = DistgresFunctions.recognize(statement);
            if (call.isPresent()) {
                return new StatementRoute.SqlFunction(call.get());
            }
        }
        StatementRoute local = localRoute(statement, kind);
        Optional<String> table = references.firstReference(statement);
        if (table.isPresent() || PRIVILEGES.contains(first) && PrivilegePropagator.reachesWorkers(statement)) {
            return new StatementRoute.Distributed(table.orElse(""), distributedCommand(statement, first, kind), local);
        }
        return local;
    }

    /** The route of a statement that names no distributed table. */
    private static StatementRoute localRoute(StatementText statement, StatementClass kind) {
        if (kind == StatementClass.COPY_FROM_STDIN) {
            return StatementRoute.COPY_IN;
        }
        if (kind == StatementClass.COPY_TO_STDOUT) {
            return StatementRoute.COPY_OUT;
        }
        if (ShellGuard.isMaintenance(statement)) {
            return StatementRoute.SHELL_MAINTENANCE;
        }
        if (statement.leadingWords(2).equals(List.of("DISCARD", "ALL"))) {
            return StatementRoute.DISCARD_ALL;
        }
        return StatementRoute.PASSTHROUGH;
    }

    private static DistributedCommand distributedCommand(StatementText statement, String first, StatementClass kind) {
        if (PRIVILEGES.contains(first) && PrivilegePropagator.handles(statement)) {
            return DistributedCommand.PRIVILEGES;
        }
        if (kind == StatementClass.COPY_FROM_STDIN) {
            return DistributedCommand.COPY_IN;
        }
        if (kind == StatementClass.COPY_TO_STDOUT) {
            return DistributedCommand.COPY_OUT;
        }
        return switch (first) {
            case "CREATE", "ALTER", "DROP", "TRUNCATE" -> DistributedCommand.DDL;
            case "SELECT", "INSERT", "UPDATE", "DELETE", "WITH", "VALUES", "TABLE" -> DistributedCommand.QUERY;
            case "EXPLAIN" -> DistributedCommand.EXPLAIN;
            default -> DistributedCommand.UNSUPPORTED;
        };
    }

    private StatementEffects effects(StatementText statement) {
        return StatementEffects.of(classifier.mayChangeSettings(statement), classifier.mayChangeDefinitions(statement),
                classifier.mayChangeNameResolution(statement), classifier.sessionStateCreatedBy(statement),
                classifier.refusesTransactionBlock(statement));
    }

    /** The distributed tables' names of the catalog as of now, worked out again only when the catalog changed. */
    private TableNames tableNames() {
        CatalogSnapshot now = catalog.get();
        TableNames known = tableNames;
        if (known.snapshot() == now) {
            return known;
        }
        // two sessions may both work it out after a change; either answer is the same
        TableNames fresh = new TableNames(now, new DistributedTableReferences(now.tables().stream()
                .map(DistTable::tableName).collect(Collectors.toSet())));
        tableNames = fresh;
        return fresh;
    }

    private static Optional<SqlPreparedCommand> sqlPreparedCommand(StatementText statement) {
        try {
            return SqlPreparedCommand.parse(statement);
        } catch (SqlPreparedCommand.SyntaxError e) {
            throw new PgException(new PgError("ERROR", e.sqlState(), e.getMessage(), null, null, e.position(), null,
                    null, null, null, null, null));
        }
    }

    /**
     * The value of SET [SESSION | LOCAL] {CLIENT_ENCODING {TO | =} | NAMES} value: a string literal's
     * value (E'' and '' escapes read as PostgreSQL reads them), otherwise the rest of the statement.
     */
    private static String clientEncoding(StatementText statement) {
        SqlTokens tokens = SqlTokens.of(statement);
        int at = tokens.isKeyword(1, "SESSION") || tokens.isKeyword(1, "LOCAL") ? 2 : 1;
        at += tokens.isKeyword(at, "NAMES") ? 1 : 2;
        return tokens.isString(at) ? tokens.stringValue(at) : tokens.text(at, tokens.size());
    }
}
