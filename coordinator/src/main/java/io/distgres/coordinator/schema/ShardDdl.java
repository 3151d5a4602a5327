package io.distgres.coordinator.schema;

import static io.distgres.planner.sql.SqlIdentifiers.qualified;
import static io.distgres.planner.sql.SqlIdentifiers.quote;

import io.distgres.coordinator.error.PgException;
import io.distgres.planner.sql.SqlIdentifiers;
import io.distgres.planner.sql.SqlTokens;
import io.distgres.sqlstate.SqlState;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the statements that create one shard of a table on a worker: the table with the same
 * columns, defaults and constraints, then its indexes. Defaults that draw from a sequence are
 * left out: the coordinator evaluates them so ids stay unique across shards.
 */
public final class ShardDdl {
    private ShardDdl() {
    }

    /** The name of shard {@code shardId} of table {@code table}: {@code <table>_<shardid>}. */
    public static String shardName(String table, long shardId) {
        return SqlIdentifiers.withSuffix(table, "_" + shardId);
    }

    /** CREATE TABLE and CREATE INDEX statements for one shard, in order. */
    public static List<String> createShard(TableDefinition table, long shardId) {
        String suffix = "_" + shardId;
        String shard = qualified(table.schema(), shardName(table.name(), shardId));
        List<String> elements = new ArrayList<>();
        for (ColumnDefinition column : table.columns()) {
            StringBuilder sql = new StringBuilder(quote(column.name())).append(' ').append(column.type());
            if (column.generated()) {
                sql.append(" GENERATED ALWAYS AS (").append(column.defaultExpr()).append(") STORED");
            } else if (column.defaultExpr() != null && !column.hasSequenceDefault()) {
                sql.append(" DEFAULT ").append(column.defaultExpr());
            }
            if (column.notNull()) {
                sql.append(" NOT NULL");
            }
            elements.add(sql.toString());
        }
        for (TableDefinition.ConstraintDefinition constraint : table.constraints()) {
            if (constraint.kind() == 'f') {
                throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "foreign key \"" + constraint.name()
                        + "\" on a distributed table is not supported by distgres yet");
            }
            elements.add("CONSTRAINT " + quote(SqlIdentifiers.withSuffix(constraint.name(), suffix)) + " "
                    + constraint.definition());
        }
        List<String> statements = new ArrayList<>();
        statements.add("CREATE TABLE " + shard + " (" + String.join(", ", elements) + ")");
        for (TableDefinition.IndexDefinition index : table.indexes()) {
            statements.add(createIndex(index, shard, suffix));
        }
        return statements;
    }

    /**
     * Rewrites a {@code pg_get_indexdef} statement ({@code CREATE [UNIQUE] INDEX name ON [ONLY]
     * schema.table USING ...}) to build the same index on a shard.
     */
    static String createIndex(TableDefinition.IndexDefinition index, String qualifiedShard, String suffix) {
        SqlTokens tokens = SqlTokens.of(index.definition());
        boolean unique = tokens.isKeyword(1, "UNIQUE");
        int at = unique ? 2 : 1;
        boolean shape = tokens.isKeyword(0, "CREATE") && tokens.isKeyword(at, "INDEX") && tokens.isIdentifier(at + 1)
                && tokens.isKeyword(at + 2, "ON");
        at += 3;
        if (tokens.isKeyword(at, "ONLY")) {
            at++;
        }
        shape = shape && tokens.isIdentifier(at) && tokens.isSymbol(at + 1, ".") && tokens.isIdentifier(at + 2)
                && tokens.isKeyword(at + 3, "USING") && at + 4 < tokens.size();
        if (!shape) {
            throw new PgException(SqlState.FEATURE_NOT_SUPPORTED,
                    "cannot copy index \"" + index.name() + "\" to shards: " + index.definition());
        }
        String method = index.definition().substring(tokens.get(at + 4).start());
        return "CREATE " + (unique ? "UNIQUE " : "") + "INDEX " + quote(SqlIdentifiers.withSuffix(index.name(), suffix))
                + " ON " + qualifiedShard + " USING " + method;
    }
}
