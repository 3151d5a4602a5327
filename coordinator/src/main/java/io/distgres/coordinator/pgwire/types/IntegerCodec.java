package io.distgres.coordinator.pgwire.types;

import io.distgres.sqlstate.SqlState;
import java.nio.ByteBuffer;

/** Converts the fixed-width integers int2, int4, int8 and the unsigned 4-byte oid. */
final class IntegerCodec implements TypeCodec {
    private final String typeName;
    private final int width;
    private final long min;
    private final long max;

    private IntegerCodec(String typeName, int width, long min, long max) {
        this.typeName = typeName;
        this.width = width;
        this.min = min;
        this.max = max;
    }

    static IntegerCodec int2() {
        return new IntegerCodec("smallint", 2, Short.MIN_VALUE, Short.MAX_VALUE);
    }

    static IntegerCodec int4() {
        return new IntegerCodec("integer", 4, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    static IntegerCodec int8() {
        return new IntegerCodec("bigint", 8, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /** oid is unsigned; its text is 0..4294967295 and its binary the same 32 bits. */
    static IntegerCodec oid() {
        return new IntegerCodec("oid", 4, 0, 0xFFFF_FFFFL);
    }

    @Override
    public byte[] toBinary(byte[] text) {
        String value = TypeCodec.string(text).trim();
        long parsed;
        try {
            parsed = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw PgTypeException.invalidText(typeName, value);
        }
        if (parsed < min || parsed > max) {
            throw new PgTypeException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value \"" + value
                    + "\" is out of range for type " + typeName);
        }
        ByteBuffer out = ByteBuffer.allocate(width);
        switch (width) {
            case 2 -> out.putShort((short) parsed);
            case 4 -> out.putInt((int) parsed);
            default -> out.putLong(parsed);
        }
        return out.array();
    }

    @Override
    public byte[] toText(byte[] binary) {
        BinaryInput in = BinaryInput.ofLength(binary, width, typeName);
        long value = switch (width) {
            case 2 -> in.int16();
            case 4 -> min == 0 ? Integer.toUnsignedLong(in.int32()) : in.int32();
            default -> in.int64();
        };
        return TypeCodec.utf8(Long.toString(value));
    }
}
