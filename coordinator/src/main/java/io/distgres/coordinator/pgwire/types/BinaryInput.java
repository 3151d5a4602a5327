package io.distgres.coordinator.pgwire.types;

import java.nio.ByteBuffer;

/** Reads big-endian fields from a binary value, failing with {@code 22P03} when it is too short or too long. */
final class BinaryInput {
    private final ByteBuffer buffer;
    private final String typeName;

    BinaryInput(byte[] value, String typeName) {
        this.buffer = ByteBuffer.wrap(value);
        this.typeName = typeName;
    }

    /** Checks the value has exactly {@code length} bytes; fixed-width types use this up front. */
    static BinaryInput ofLength(byte[] value, int length, String typeName) {
        if (value.length != length) {
            throw PgTypeException.invalidBinary(typeName, "expected " + length + " bytes, got " + value.length);
        }
        return new BinaryInput(value, typeName);
    }

    byte int8() {
        return need(1).get();
    }

    short int16() {
        return need(2).getShort();
    }

    int int32() {
        return need(4).getInt();
    }

    long int64() {
        return need(8).getLong();
    }

    byte[] bytes(int length) {
        if (length < 0 || length > buffer.remaining()) {
            throw truncated();
        }
        byte[] out = new byte[length];
        buffer.get(out);
        return out;
    }

    int remaining() {
        return buffer.remaining();
    }

    /** PostgreSQL rejects trailing bytes ({@code pq_getmsgend}), so do we. */
    void end() {
        if (buffer.hasRemaining()) {
            throw PgTypeException.invalidBinary(typeName, buffer.remaining() + " unexpected trailing bytes");
        }
    }

    PgTypeException error(String detail) {
        return PgTypeException.invalidBinary(typeName, detail);
    }

    private ByteBuffer need(int length) {
        if (buffer.remaining() < length) {
            throw truncated();
        }
        return buffer;
    }

    private PgTypeException truncated() {
        return PgTypeException.invalidBinary(typeName, "value is too short");
    }
}
