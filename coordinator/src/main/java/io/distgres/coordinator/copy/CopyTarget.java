package io.distgres.coordinator.copy;

import static java.util.Objects.requireNonNull;

import io.distgres.coordinator.backend.BackendLease;
import io.distgres.coordinator.backend.ResultSink;
import io.distgres.coordinator.error.PgError;
import io.distgres.coordinator.error.PgException;
import io.distgres.coordinator.execution.StatementIsLocal;
import io.distgres.coordinator.metadata.CatalogSnapshot;
import io.distgres.coordinator.metadata.DistTable;
import io.distgres.coordinator.pgwire.codec.ColumnDescriptor;
import io.distgres.coordinator.schema.ColumnDefinition;
import io.distgres.coordinator.schema.ShardDdl;
import io.distgres.planner.sql.SqlIdentifiers;
import io.distgres.planner.sql.SqlLiterals;
import io.distgres.sqlstate.SqlState;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The distributed table a COPY names, resolved through the coordinator's shell table (so
 * search_path applies), with its columns as PostgreSQL describes them.
 *
 * @param table   the catalog entry: kind, distribution column, shards and placements
 * @param columns every column of the shell table in attribute order
 */
public record CopyTarget(DistTable table, List<ColumnDefinition> columns) {
    public CopyTarget {
        requireNonNull(table, "table is null");
        columns = List.copyOf(columns);
    }

    public static CopyTarget resolve(CopyCommand command, CatalogSnapshot catalog, BackendLease lease) {
        String name = command.schema().map(s -> SqlIdentifiers.qualified(s, command.table()))
                .orElse(SqlIdentifiers.quote(command.table()));
        List<List<String>> oid = query(lease, "SELECT " + SqlLiterals.quote(name) + "::regclass::oid");
        long relationId = Long.parseLong(oid.get(0).get(0));
        // the name may mean a local table of the same name under the session's search_path
        DistTable table = catalog.table(relationId).orElseThrow(StatementIsLocal::new);
        List<ColumnDefinition> columns = new ArrayList<>();
        for (List<String> row : query(lease, """
                SELECT a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod), a.atttypid, a.attnotnull,
                       pg_catalog.pg_get_expr(d.adbin, d.adrelid), a.attidentity <> '', a.attgenerated <> ''
                FROM pg_catalog.pg_attribute a
                LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
                WHERE a.attrelid = """ + relationId + " AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum")) {
            columns.add(new ColumnDefinition(row.get(0), row.get(1), Integer.parseInt(row.get(2)),
                    "t".equals(row.get(3)), row.get(4), "t".equals(row.get(5)), "t".equals(row.get(6))));
        }
        return new CopyTarget(table, columns);
    }

    /** The shell table's name as the client sees it in errors. */
    String name() {
        return table.tableName();
    }

    /** The qualified name of shard {@code shardId}. */
    String shardName(long shardId) {
        return SqlIdentifiers.qualified(table.schemaName(), ShardDdl.shardName(table.tableName(), shardId));
    }

    ColumnDefinition column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new PgException(SqlState.UNDEFINED_COLUMN, "column \"" + name + "\" of relation \""
                        + table.tableName() + "\" does not exist"));
    }

    /** Columns a COPY without a column list carries: every column but generated ones. */
    List<String> defaultColumns() {
        return columns.stream().filter(c -> !c.generated()).map(ColumnDefinition::name).toList();
    }

    /** Runs a small query on the coordinator database and returns its rows as text. */
    static List<List<String>> query(BackendLease lease, String sql) {
        List<List<String>> rows = new ArrayList<>();
        lease.run(sql, 0, List.of(), new ResultSink() {
            @Override
            public void columns(List<ColumnDescriptor> columns) {
            }

            @Override
            public void row(byte[][] cells) {
                List<String> row = new ArrayList<>(cells.length);
                for (byte[] cell : cells) {
                    row.add(cell == null ? null : new String(cell, StandardCharsets.UTF_8));
                }
                rows.add(row);
            }

            @Override
            public void complete(String commandTag) {
            }

            @Override
            public void notice(PgError notice) {
            }
        });
        return rows;
    }
}
