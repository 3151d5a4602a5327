package io.distgres.planner.hashing;

import io.distgres.sqlstate.SqlState;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The column types a distributed table may be hashed on, by PostgreSQL type OID and the name its errors use. */
public enum DistributionType {
    BOOLEAN(16, "boolean"),
    BYTEA(17, "bytea"),
    CHAR(18, "\"char\""),
    NAME(19, "name"),
    BIGINT(20, "bigint"),
    SMALLINT(21, "smallint"),
    INTEGER(23, "integer"),
    TEXT(25, "text"),
    OID(26, "oid"),
    REAL(700, "real"),
    DOUBLE_PRECISION(701, "double precision"),
    BPCHAR(1042, "character"),
    VARCHAR(1043, "character varying"),
    DATE(1082, "date"),
    TIME(1083, "time without time zone"),
    TIMESTAMP(1114, "timestamp without time zone"),
    TIMESTAMPTZ(1184, "timestamp with time zone"),
    NUMERIC(1700, "numeric"),
    UUID(2950, "uuid");

    private static final Map<Integer, DistributionType> BY_OID =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(DistributionType::oid, Function.identity()));

    private final int oid;
    private final String sqlName;

    DistributionType(int oid, String sqlName) {
        this.oid = oid;
        this.sqlName = sqlName;
    }

    public int oid() {
        return oid;
    }

    /** The type's name as {@code format_type} prints it. */
    public String sqlName() {
        return sqlName;
    }

    /** The type with this OID; 0A000 for a type distgres cannot hash as PostgreSQL does. */
    public static DistributionType forOid(int oid) {
        DistributionType type = BY_OID.get(oid);
        if (type == null) {
            throw new HashingException(SqlState.FEATURE_NOT_SUPPORTED,
                    "hashing values of the type with OID " + oid + " is not supported for distribution columns");
        }
        return type;
    }
}
