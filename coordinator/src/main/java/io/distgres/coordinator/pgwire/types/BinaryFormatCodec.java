package io.distgres.coordinator.pgwire.types;

import java.util.HashMap;
import java.util.Map;

/**
 * Converts values between PostgreSQL's text format, which distgres carries internally, and the binary wire
 * format that clients may use for Bind parameters and ask for in result columns.
 *
 * <p>Text is what the type's output function prints in a session with PostgreSQL's defaults (UTF8,
 * {@code DateStyle = ISO}, {@code IntervalStyle = postgres}, {@code bytea_output = hex},
 * {@code extra_float_digits = 1}); binary is exactly what the type's {@code *send} function writes.
 */
public final class BinaryFormatCodec {
    private final Map<Integer, TypeCodec> codecs;

    public BinaryFormatCodec() {
        Map<Integer, TypeCodec> byOid = new HashMap<>();
        for (PgType type : PgType.values()) {
            TypeCodec codec = scalarCodec(type);
            byOid.put(type.oid(), codec);
            if (type.arrayOid() != 0) {
                byOid.put(type.arrayOid(), new ArrayCodec(type, codec));
            }
        }
        this.codecs = Map.copyOf(byOid);
    }

    /** Whether values of this type OID can be converted in both directions. */
    public boolean supportsBinary(int typeOid) {
        return codecs.containsKey(typeOid);
    }

    /**
     * The bytes PostgreSQL's {@code *send} function produces for a value it printed as {@code text}.
     *
     * @throws PgTypeException {@code 0A000} for an unsupported type, {@code 22P02} (or a range error) for bad text
     */
    public byte[] toBinary(int typeOid, byte[] text) {
        return codec(typeOid).toBinary(text);
    }

    /**
     * A text literal PostgreSQL's {@code *in} function reads as the same value as this binary input.
     *
     * @throws PgTypeException {@code 0A000} for an unsupported type, {@code 22P03} for malformed binary
     */
    public byte[] toText(int typeOid, byte[] binary) {
        return codec(typeOid).toText(binary);
    }

    private TypeCodec codec(int typeOid) {
        TypeCodec codec = codecs.get(typeOid);
        if (codec == null) {
            throw PgTypeException.unsupported(typeOid);
        }
        return codec;
    }

    private static TypeCodec scalarCodec(PgType type) {
        return switch (type) {
            case BOOL -> new BoolCodec();
            case BYTEA -> new ByteaCodec();
            case CHAR -> new CharCodec();
            case INT2 -> IntegerCodec.int2();
            case INT4 -> IntegerCodec.int4();
            case INT8 -> IntegerCodec.int8();
            case OID -> IntegerCodec.oid();
            case FLOAT4 -> FloatCodec.float4();
            case FLOAT8 -> FloatCodec.float8();
            case NUMERIC -> new NumericCodec();
            case TEXT, VARCHAR, BPCHAR, NAME, UNKNOWN, JSON, XML -> new TextCodec();
            case JSONB -> new JsonbCodec();
            case UUID -> new UuidCodec();
            case DATE -> new DateCodec();
            case TIME -> TimeCodec.time();
            case TIMETZ -> TimeCodec.timetz();
            case TIMESTAMP -> TimestampCodec.timestamp();
            case TIMESTAMPTZ -> TimestampCodec.timestamptz();
            case INTERVAL -> new IntervalCodec();
        };
    }
}
