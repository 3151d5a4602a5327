package io.distgres.coordinator.routing;

import static java.util.Objects.requireNonNull;

import io.distgres.coordinator.backend.BoundParameter;
import io.distgres.coordinator.execution.SessionAccess;
import io.distgres.coordinator.metadata.CatalogSnapshot;
import io.distgres.coordinator.metadata.DistShard;
import io.distgres.coordinator.metadata.DistTable;
import io.distgres.coordinator.metadata.ShardPlacement;
import io.distgres.planner.catalog.RoutedTable;
import io.distgres.planner.catalog.RoutingCatalog;
import io.distgres.planner.hashing.DistributionType;
import io.distgres.planner.hashing.HashRange;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The router's catalog for one statement: distributed tables from the catalog snapshot, column
 * facts and sequence values from the coordinator database through the session's connection (so
 * the session's search_path applies).
 */
final class SnapshotRoutingCatalog implements RoutingCatalog {
    private final CatalogSnapshot snapshot;
    private final SessionAccess session;
    private final RoutingCache cache;
    private final TableNameResolver names;

    /** @param cache shared across statements, like {@code names} */
    SnapshotRoutingCatalog(CatalogSnapshot snapshot, SessionAccess session, RoutingCache cache,
                           TableNameResolver names) {
        this.snapshot = requireNonNull(snapshot, "snapshot is null");
        this.session = requireNonNull(session, "session is null");
        this.cache = requireNonNull(cache, "cache is null");
        this.names = requireNonNull(names, "names is null");
    }

    @Override
    public boolean isAggregate(String functionName) {
        if (RoutingCatalog.super.isAggregate(functionName)) {
            return true;
        }
        return cache.isAggregate(functionName, session, name -> {
            // the functions of that name the session's search_path reaches, as PostgreSQL would look them up
            List<String> found = new ArrayList<>();
            query("SELECT pg_catalog.count(*)::text FROM pg_catalog.pg_proc p WHERE p.proname = $1 AND p.prokind = 'a'"
                            + " AND p.pronamespace OPERATOR(pg_catalog.=) ANY (SELECT n.oid FROM pg_catalog.pg_namespace n"
                            + " WHERE n.nspname OPERATOR(pg_catalog.=) ANY (pg_catalog.current_schemas(true)))",
                    List.of(name), row -> found.add(row.get(0)));
            return !found.isEmpty() && !"0".equals(found.get(0));
        });
    }

    @Override
    public Optional<RoutedTable> table(List<String> name) {
        Optional<DistTable> table = name.size() >= 2
                ? snapshot.table(name.get(name.size() - 2), name.get(name.size() - 1))
                : names.resolve(name.get(0), snapshot, session);
        return table.map(t -> cache.routedTable(t, this::routed));
    }

    @Override
    public String timeZone() {
        return session.timeZone();
    }

    @Override
    public List<ColumnInfo> columns(RoutedTable table) {
        DistTable dist = snapshot.table(table.schema(), table.name()).orElseThrow();
        return cache.columns(dist.relationId(), session, () -> readColumns(dist));
    }

    private List<ColumnInfo> readColumns(DistTable dist) {
        List<ColumnInfo> columns = new ArrayList<>();
        query("SELECT a.attname, CASE WHEN a.attidentity <> '' THEN 'nextval(pg_catalog.pg_get_serial_sequence('"
                        + "|| quote_literal($1::oid::regclass::text) || ', ' || quote_literal(a.attname) || '))'"
                        + " WHEN pg_catalog.pg_get_expr(d.adbin, d.adrelid) LIKE '%nextval(%'"
                        + " THEN pg_catalog.pg_get_expr(d.adbin, d.adrelid) END"
                        + " FROM pg_catalog.pg_attribute a LEFT JOIN pg_catalog.pg_attrdef d"
                        + " ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
                        + " WHERE a.attrelid = $1::oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''"
                        + " ORDER BY a.attnum",
                List.of(Long.toString(dist.relationId())), row -> columns.add(new ColumnInfo(row.get(0), row.get(1))));
        return columns;
    }

    @Override
    public List<String> nextValues(String defaultExpression, int count) {
        List<String> values = new ArrayList<>(count);
        query("SELECT (" + defaultExpression + ")::text FROM pg_catalog.generate_series(1, $1::int)",
                List.of(Integer.toString(count)), row -> values.add(row.get(0)));
        return values;
    }

    private RoutedTable routed(DistTable table) {
        List<RoutedTable.Shard> shards = new ArrayList<>();
        for (DistShard shard : table.shards()) {
            HashRange range = shard.hashRange().map(r -> new HashRange(r.min(), r.max())).orElse(null);
            shards.add(new RoutedTable.Shard(shard.shardId(), range,
                    shard.placements().stream().map(ShardPlacement::nodeId).toList()));
        }
        boolean reference = table.kind() == DistTable.Kind.REFERENCE;
        DistributionType type = reference ? null : distributionType(table);
        return new RoutedTable(table.schemaName(), table.tableName(), reference,
                table.distributionColumn().orElse(null), type, table.colocationId(), shards);
    }

    /** Read with the routed table it belongs to, which is rebuilt whenever the catalog entry changes. */
    private DistributionType distributionType(DistTable table) {
        List<String> oid = new ArrayList<>();
        query("SELECT atttypid FROM pg_catalog.pg_attribute WHERE attrelid = $1::oid AND attname = $2",
                List.of(Long.toString(table.relationId()), table.distributionColumn().orElseThrow()),
                row -> oid.add(row.get(0)));
        return DistributionType.forOid(Integer.parseInt(oid.get(0)));
    }

    private void query(String sql, List<String> parameters, java.util.function.Consumer<List<String>> rows) {
        List<BoundParameter> bound = parameters.stream()
                .map(p -> new BoundParameter(p.getBytes(StandardCharsets.UTF_8), false, 0)).toList();
        session.coordinatorLease().run(sql, bound.size(), bound, new RowsOnly(rows));
    }

    /** A sink that turns rows into lists of strings and ignores the rest. */
    private record RowsOnly(java.util.function.Consumer<List<String>> rows)
            implements io.distgres.coordinator.backend.ResultSink {

        @Override
        public void row(byte[][] cells) {
            List<String> values = new ArrayList<>(cells.length);
            for (byte[] cell : cells) {
                values.add(cell == null ? null : new String(cell, StandardCharsets.UTF_8));
            }
            rows.accept(values);
        }
    }
}
