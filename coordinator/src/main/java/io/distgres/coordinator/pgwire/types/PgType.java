package io.distgres.coordinator.pgwire.types;

import java.util.OptionalInt;

/**
 * The built-in PostgreSQL types distgres converts, with their OIDs and the OIDs of their array types.
 *
 * <p>OIDs are fixed in PostgreSQL's {@code pg_type.dat}, so they can be constants.
 */
public enum PgType {
    BOOL("bool", 16, 1000),
    BYTEA("bytea", 17, 1001),
    CHAR("char", 18, 1002),
    NAME("name", 19, 1003),
    INT8("int8", 20, 1016),
    INT2("int2", 21, 1005),
    INT4("int4", 23, 1007),
    TEXT("text", 25, 1009),
    OID("oid", 26, 1028),
    JSON("json", 114, 199),
    XML("xml", 142, 143),
    FLOAT4("float4", 700, 1021),
    FLOAT8("float8", 701, 1022),
    /** Has no array type in PostgreSQL. */
    UNKNOWN("unknown", 705, 0),
    BPCHAR("bpchar", 1042, 1014),
    VARCHAR("varchar", 1043, 1015),
    DATE("date", 1082, 1182),
    TIME("time", 1083, 1183),
    TIMESTAMP("timestamp", 1114, 1115),
    TIMESTAMPTZ("timestamptz", 1184, 1185),
    INTERVAL("interval", 1186, 1187),
    TIMETZ("timetz", 1266, 1270),
    NUMERIC("numeric", 1700, 1231),
    UUID("uuid", 2950, 2951),
    JSONB("jsonb", 3802, 3807);

    private final String typeName;
    private final int oid;
    private final int arrayOid;

    PgType(String typeName, int oid, int arrayOid) {
        this.typeName = typeName;
        this.oid = oid;
        this.arrayOid = arrayOid;
    }

    /** The name in {@code pg_type.typname}. */
    public String typeName() {
        return typeName;
    }

    public int oid() {
        return oid;
    }

    /** The OID of the array type whose elements are this type, or 0 when there is none. */
    public int arrayOid() {
        return arrayOid;
    }

    /** The type with this (scalar) OID, or null. */
    public static PgType ofOid(int oid) {
        for (PgType type : values()) {
            if (type.oid == oid) {
                return type;
            }
        }
        return null;
    }

    /** The element type of an array type OID, or null when the OID is not a known array type. */
    public static PgType elementOf(int arrayOid) {
        if (arrayOid == 0) {
            return null;
        }
        for (PgType type : values()) {
            if (type.arrayOid == arrayOid) {
                return type;
            }
        }
        return null;
    }

    /** The element type OID of an array type OID; empty when the OID is not a known array type. */
    public static OptionalInt elementOid(int arrayOid) {
        PgType element = elementOf(arrayOid);
        return element == null ? OptionalInt.empty() : OptionalInt.of(element.oid);
    }

    /** A readable name for any OID, for error messages ({@code int4}, {@code _int4} or {@code oid 1234}). */
    public static String describe(int oid) {
        PgType scalar = ofOid(oid);
        if (scalar != null) {
            return scalar.typeName;
        }
        PgType element = elementOf(oid);
        return element != null ? "_" + element.typeName : "with oid " + oid;
    }
}
