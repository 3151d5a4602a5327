package io.distgres.coordinator.ddl;

import static java.util.Objects.requireNonNull;

import io.distgres.coordinator.backend.BackendLease;
import io.distgres.coordinator.backend.BoundParameter;
import io.distgres.coordinator.backend.ResultSink;
import io.distgres.coordinator.ddl.DdlCommand.AlterAction;
import io.distgres.coordinator.ddl.DdlCommand.TableRef;
import io.distgres.coordinator.error.PgError;
import io.distgres.coordinator.error.PgException;
import io.distgres.coordinator.execution.DistributedStatement;
import io.distgres.coordinator.metadata.CatalogSnapshot;
import io.distgres.coordinator.metadata.DistNode;
import io.distgres.coordinator.metadata.DistShard;
import io.distgres.coordinator.metadata.DistTable;
import io.distgres.coordinator.metadata.ShardPlacement;
import io.distgres.coordinator.pgwire.codec.ColumnDescriptor;
import io.distgres.coordinator.schema.ShardDdl;
import io.distgres.coordinator.schema.ShellGuard;
import io.distgres.planner.sql.SqlIdentifiers;
import io.distgres.planner.sql.SqlToken;
import io.distgres.planner.sql.StatementText;
import io.distgres.sqlstate.SqlState;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Propagates DDL on distributed and reference tables — CREATE INDEX, ALTER TABLE, DROP TABLE,
 * TRUNCATE — to the coordinator's shell table and to every shard, one script per worker.
 *
 * <p>Statements run only outside a transaction block (25001 inside one): the shell change runs in
 * a transaction of its own on the session's coordinator connection (so search_path and
 * permissions are the user's) that commits only after every worker committed its script.
 */
public final class DdlPropagator {
    private static final int TEXT_OID = 25;
    private static final Set<String> CREATE_TABLE_MODIFIERS = Set.of("GLOBAL", "LOCAL", "TEMP", "TEMPORARY",
            "UNLOGGED");

    private final ShardDdlApplier applier;
    private final DroppedTableCleaner dropper;

    public DdlPropagator(ShardDdlApplier applier, DroppedTableCleaner dropper) {
        this.applier = requireNonNull(applier, "applier is null");
        this.dropper = requireNonNull(dropper, "dropper is null");
    }

    public void execute(DistributedStatement statement, String table) {
        BackendLease lease = statement.session().coordinatorLease();
        if (createsLocalTable(statement)) {
            createLocalTable(statement, lease);
            return;
        }
        DdlCommand command = DdlParser.parse(statement.statement());
        CatalogSnapshot catalog = statement.catalog();
        if (command instanceof DdlCommand.CreateIndex index) {
            Optional<DistTable> target = resolve(lease, catalog, index.table());
            if (target.isEmpty()) {
                passThrough(statement, lease);
                return;
            }
            requireNoTransactionBlock(statement, target.get());
            requireUniqueIncludesDistributionColumn(target.get(), index.unique(), index.keyColumns());
            applier.apply(statement, lease, List.of(target.get()), scripts(catalog, List.of(target.get()),
                    (shard, name) -> List.of(writer(statement).createIndex(index, name, shard))),
                    index.indexName().isPresent() && !index.ifNotExists()
                            ? scripts(catalog, List.of(target.get()), (shard, name) -> List.of("DROP INDEX IF EXISTS "
                            + SqlIdentifiers.qualified(target.get().schemaName(),
                            SqlIdentifiers.withSuffix(index.indexName().get(), "_" + shard))))
                            : Map.of());
        } else if (command instanceof DdlCommand.AlterTable alter) {
            Optional<DistTable> target = resolve(lease, catalog, alter.table());
            if (target.isEmpty()) {
                passThrough(statement, lease);
                return;
            }
            requireNoTransactionBlock(statement, target.get());
            for (AlterAction action : alter.actions()) {
                checkAction(target.get(), action);
            }
            ShardStatementWriter writer = writer(statement);
            applier.apply(statement, lease, List.of(target.get()),
                    scripts(catalog, List.of(target.get()), (shard, name) -> writer.alterTable(alter, name, shard)
                            .map(List::of).orElse(List.of())),
                    scripts(catalog, List.of(target.get()),
                            (shard, name) -> ShardStatementWriter.undoAlter(alter, name, shard)));
        } else if (command instanceof DdlCommand.TruncateTables truncate) {
            List<DistTable> targets = resolveAll(lease, catalog, truncate.tables());
            if (targets.isEmpty()) {
                passThrough(statement, lease);
                return;
            }
            requireNoTransactionBlock(statement, targets.get(0));
            Map<DistNode, List<String>> shards = scripts(catalog, targets, (shard, name) -> List.of(name));
            Map<DistNode, List<String>> truncates = new LinkedHashMap<>();
            // one TRUNCATE per worker: a single lock acquisition over all its shards
            shards.forEach((node, names) -> truncates.put(node, List.of("TRUNCATE TABLE " + String.join(", ", names))));
            applier.apply(statement, lease, targets, truncates, Map.of());
        } else if (command instanceof DdlCommand.DropTables drop) {
            List<DistTable> targets = resolveAll(lease, catalog, drop.tables());
            if (targets.isEmpty()) {
                passThrough(statement, lease);
                return;
            }
            requireNoTransactionBlock(statement, targets.get(0));
            dropper.drop(statement, lease, targets, scripts(catalog, targets,
                    (shard, name) -> List.of("DROP TABLE IF EXISTS " + name)));
        }
    }

    private static void checkAction(DistTable table, AlterAction action) {
        Optional<String> distribution = table.distributionColumn();
        boolean touchesKey = distribution.isPresent() && action.column().equals(distribution);
        if (touchesKey && (action.kind() == AlterAction.Kind.DROP_COLUMN
                || action.kind() == AlterAction.Kind.RENAME_COLUMN
                || action.kind() == AlterAction.Kind.ALTER_COLUMN_TYPE)) {
            // the catalog, the shards' hash ranges and every plan depend on the column's name and type
            throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "cannot execute ALTER TABLE command involving"
                    + " the distribution column \"" + distribution.get() + "\" of \"" + table.tableName() + "\"");
        }
        action.uniqueColumns().ifPresent(columns -> requireUniqueIncludesDistributionColumn(table, true, columns));
    }

    private static void requireUniqueIncludesDistributionColumn(DistTable table, boolean unique, List<String> keys) {
        // each shard enforces uniqueness only over its own rows: only keys holding the distribution column are global
        if (unique && table.distributionColumn().isPresent() && !keys.contains(table.distributionColumn().get())) {
            throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "cannot create a unique index or constraint on \""
                    + table.tableName() + "\" that does not include its distribution column \""
                    + table.distributionColumn().get() + "\"");
        }
    }

    private static void requireNoTransactionBlock(DistributedStatement statement, DistTable table) {
        if (statement.session().inTransactionBlock()) {
            // the workers commit their scripts before the shell does; a later ROLLBACK could not undo them
            throw new PgException(new PgError("ERROR", SqlState.ACTIVE_SQL_TRANSACTION,
                    statement.statement().firstWord()
                    + " on distributed table \"" + table.tableName() + "\" cannot run inside a transaction block",
                    null, "Run it on its own, outside BEGIN ... COMMIT.", 0, null, null, null, null, null, null));
        }
    }

    /**
     * {@code CREATE TABLE} that reads no rows and attaches to no distributed table (not {@code ... AS query},
     * {@code INHERITS}, {@code PARTITION OF}): it makes a new local table wherever the session's search_path
     * says, whatever distributed table the gate saw a name of (the same name in another schema, or the
     * source of {@code LIKE dist}); PostgreSQL itself refuses a name that is taken.
     */
    private static boolean createsLocalTable(DistributedStatement statement) {
        List<String> words = statement.statement().leadingWords(5);
        int table = words.indexOf("TABLE");
        boolean createTable = !words.isEmpty() && words.get(0).equals("CREATE") && table > 0 && words.subList(1, table)
                .stream().allMatch(CREATE_TABLE_MODIFIERS::contains);
        StatementText text = statement.statement();
        return createTable && !text.containsWord("INHERITS") && !(text.containsWord("PARTITION")
                && text.containsWord("OF")) && !hasTopLevelWord(text, "AS");
    }

    /** Whether {@code word} appears outside parentheses: the AS of CREATE TABLE ... AS, not of a generated column. */
    private static boolean hasTopLevelWord(StatementText statement, String word) {
        int depth = 0;
        for (SqlToken token : statement.tokens()) {
            if (token.kind() == SqlToken.Kind.OPEN_PAREN) {
                depth++;
            } else if (token.kind() == SqlToken.Kind.CLOSE_PAREN) {
                depth--;
            } else if (depth == 0 && token.kind() == SqlToken.Kind.WORD
                    && token.text(statement.text()).equalsIgnoreCase(word)) {
                return true;
            }
        }
        return false;
    }

    private static void createLocalTable(DistributedStatement statement, BackendLease lease) {
        if (!statement.statement().containsWord("LIKE")) {
            passThrough(statement, lease);
            return;
        }
        // LIKE dist INCLUDING INDEXES copies the shell's guard index, which the new table must not keep
        statement.session().atomically(statement.sink(), sink -> ShellGuard.createLocalTableLike(lease,
                () -> passThrough(statement.withSink(sink), lease)));
    }

    private static void passThrough(DistributedStatement statement, BackendLease lease) {
        // the gate matched a distributed table's name somewhere else in the statement: it is a local table's DDL
        if (statement.statement().containsWord("REFERENCES")) {
            throw new PgException(SqlState.FEATURE_NOT_SUPPORTED,
                    "foreign keys referencing a distributed table are not supported by distgres yet");
        }
        lease.run(statement.statement().text(), statement.parameterCount(), statement.parameters(),
                statement.sink());
    }

    /** Scripts per worker: {@code perShard(shardId, qualified shard name)} for every placement of every table. */
    private static Map<DistNode, List<String>> scripts(CatalogSnapshot catalog, List<DistTable> tables,
                                                      ShardStatements perShard) {
        Map<DistNode, List<String>> scripts = new LinkedHashMap<>();
        for (DistTable table : tables) {
            for (DistShard shard : table.shards()) {
                String name = SqlIdentifiers.qualified(table.schemaName(),
                        ShardDdl.shardName(table.tableName(), shard.shardId()));
                List<String> statements = perShard.statements(shard.shardId(), name);
                for (ShardPlacement placement : shard.placements()) {
                    DistNode node = catalog.node(placement.nodeId()).orElseThrow(() -> new PgException(
                            SqlState.INTERNAL_ERROR, "placement of shard " + shard.shardId() + " on unknown node"));
                    scripts.computeIfAbsent(node, n -> new ArrayList<>()).addAll(statements);
                }
            }
        }
        scripts.values().removeIf(List::isEmpty);
        return scripts;
    }

    private static ShardStatementWriter writer(DistributedStatement statement) {
        List<SqlToken> meaningful = statement.statement().tokens().stream()
                .filter(t -> !t.isTrivia() && t.kind() != SqlToken.Kind.SEMICOLON).toList();
        return new ShardStatementWriter(statement.statement().text(), meaningful.get(0).start(),
                meaningful.get(meaningful.size() - 1).end());
    }

    private static List<DistTable> resolveAll(BackendLease lease, CatalogSnapshot catalog, List<TableRef> refs) {
        List<DistTable> tables = new ArrayList<>();
        for (TableRef ref : refs) {
            resolve(lease, catalog, ref).filter(t -> !tables.contains(t)).ifPresent(tables::add);
        }
        return tables;
    }

    /** The distributed table {@code ref} names under the session's search_path; empty for local or missing tables. */
    static Optional<DistTable> resolve(BackendLease lease, CatalogSnapshot catalog, TableRef ref) {
        FirstCell cell = new FirstCell();
        lease.run("SELECT pg_catalog.to_regclass($1)::oid", 1, List.of(new BoundParameter(
                ref.quotedName().getBytes(StandardCharsets.UTF_8), false, TEXT_OID)), cell);
        return cell.value == null ? Optional.empty() : catalog.table(Long.parseLong(cell.value));
    }

    /** Statements for one shard, given its id and qualified name. */
    @FunctionalInterface
    private interface ShardStatements {
        List<String> statements(long shardId, String qualifiedShard);
    }

    /** Keeps the first cell of the first row. */
    private static final class FirstCell implements ResultSink {
        private String value;

        @Override
        public void columns(List<ColumnDescriptor> columns) {
        }

        @Override
        public void row(byte[][] cells) {
            if (value == null && cells.length > 0 && cells[0] != null) {
                value = new String(cells[0], StandardCharsets.UTF_8);
            }
        }

        @Override
        public void complete(String commandTag) {
        }

        @Override
        public void notice(PgError notice) {
        }
    }

    static String describe(List<DistTable> tables) {
        return tables.stream().map(DistTable::tableName).collect(Collectors.joining(", "));
    }
}
