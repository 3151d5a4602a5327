package io.distgres.coordinator.pgwire.types;

import java.nio.ByteBuffer;

/**
 * Converts time (int64 microseconds since midnight) and timetz (the same, then the zone as int32 seconds
 * <em>west</em> of UTC, which is how PostgreSQL stores it).
 */
final class TimeCodec implements TypeCodec {
    private final boolean withTimeZone;
    private final String typeName;

    private TimeCodec(boolean withTimeZone) {
        this.withTimeZone = withTimeZone;
        this.typeName = withTimeZone ? "time with time zone" : "time without time zone";
    }

    static TimeCodec time() {
        return new TimeCodec(false);
    }

    static TimeCodec timetz() {
        return new TimeCodec(true);
    }

    @Override
    public byte[] toBinary(byte[] text) {
        String value = TypeCodec.string(text).trim();
        if (!withTimeZone) {
            return ByteBuffer.allocate(8).putLong(DateTimeText.parseTimeOfDay(value, typeName, value)).array();
        }
        int offsetStart = DateTimeText.offsetStart(value);
        if (offsetStart < 0) {
            throw PgTypeException.invalidText(typeName, value);
        }
        long micros = DateTimeText.parseTimeOfDay(value.substring(0, offsetStart), typeName, value);
        int east = DateTimeText.parseOffset(value.substring(offsetStart), typeName, value);
        return ByteBuffer.allocate(12).putLong(micros).putInt(-east).array();
    }

    @Override
    public byte[] toText(byte[] binary) {
        BinaryInput in = BinaryInput.ofLength(binary, withTimeZone ? 12 : 8, typeName);
        long micros = in.int64();
        if (micros < 0 || micros > DateTimeText.MICROS_PER_DAY) {
            throw in.error("time out of range");
        }
        String text = DateTimeText.formatTimeOfDay(micros);
        if (withTimeZone) {
            text += DateTimeText.formatOffset(-in.int32());
        }
        return TypeCodec.utf8(text);
    }
}
