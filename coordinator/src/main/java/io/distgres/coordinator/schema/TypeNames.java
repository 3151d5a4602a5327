package io.distgres.coordinator.schema;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.distgres.coordinator.backend.BackendLease;
import io.distgres.coordinator.backend.BoundParameter;
import io.distgres.coordinator.error.PgException;
import io.distgres.sqlstate.SqlState;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * SQL type names for type OIDs and modifiers ({@code format_type}), read from the coordinator's
 * PostgreSQL once per pair. Only built-in types: user-defined types have other OIDs on each
 * server, so a worker's OID cannot name the coordinator's type.
 */
public final class TypeNames {
    /** OIDs below this are PostgreSQL's own (FirstNormalObjectId). */
    private static final int FIRST_USER_OID = 16384;

    private record Key(int oid, int modifier) {
    }

    /** Type and modifier pairs kept at most (numeric(p,s) and varchar(n) alone have many). */
    private static final int MAX_NAMES = 4_096;

    private final Cache<Key, String> names = Caffeine.newBuilder().maximumSize(MAX_NAMES).recordStats().build();

    /** The name of built-in type {@code oid} with {@code modifier}, e.g. {@code numeric(12,2)}. */
    public String of(int oid, int modifier, BackendLease lease) {
        if (oid >= FIRST_USER_OID || oid == 0) {
            throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "combining results of user-defined type (oid "
                    + oid + ") from several shards is not supported yet");
        }
        Key key = new Key(oid, modifier);
        String known = names.getIfPresent(key);
        if (known != null) {
            return known;
        }
        String[] name = new String[1];
        lease.run("SELECT pg_catalog.format_type($1::pg_catalog.oid, $2::pg_catalog.int4)", 2,
                List.of(text(Integer.toString(oid)), text(Integer.toString(modifier))),
                cells -> name[0] = new String(cells[0], StandardCharsets.UTF_8));
        names.put(key, name[0]);
        return name[0];
    }

    private static BoundParameter text(String value) {
        return new BoundParameter(value.getBytes(StandardCharsets.UTF_8), false, 0);
    }
}
