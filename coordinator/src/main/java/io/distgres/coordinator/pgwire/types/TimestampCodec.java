package io.distgres.coordinator.pgwire.types;

import io.distgres.sqlstate.SqlState;
import java.nio.ByteBuffer;

/**
 * Converts timestamp and timestamptz: int64 microseconds since 2000-01-01 00:00:00 (UTC for timestamptz), with
 * the int64 extremes standing for -infinity and infinity.
 *
 * <p>timestamptz text carries the session's offset, which this honours when reading; when printing it always
 * writes {@code +00} so the literal means the same instant whatever the reading session's TimeZone.
 */
final class TimestampCodec implements TypeCodec {
    private final boolean withTimeZone;
    private final String typeName;

    private TimestampCodec(boolean withTimeZone) {
        this.withTimeZone = withTimeZone;
        this.typeName = withTimeZone ? "timestamp with time zone" : "timestamp without time zone";
    }

    static TimestampCodec timestamp() {
        return new TimestampCodec(false);
    }

    static TimestampCodec timestamptz() {
        return new TimestampCodec(true);
    }

    @Override
    public byte[] toBinary(byte[] text) {
        String value = TypeCodec.string(text).trim();
        long micros = switch (value) {
            case "infinity" -> Long.MAX_VALUE;
            case "-infinity" -> Long.MIN_VALUE;
            default -> parse(value);
        };
        return ByteBuffer.allocate(8).putLong(micros).array();
    }

    @Override
    public byte[] toText(byte[] binary) {
        long micros = BinaryInput.ofLength(binary, 8, typeName).int64();
        if (micros == Long.MAX_VALUE) {
            return TypeCodec.utf8("infinity");
        }
        if (micros == Long.MIN_VALUE) {
            return TypeCodec.utf8("-infinity");
        }
        long days = Math.floorDiv(micros, DateTimeText.MICROS_PER_DAY);
        long timeOfDay = Math.floorMod(micros, DateTimeText.MICROS_PER_DAY);
        String text = DateTimeText.formatDate(days) + ' ' + DateTimeText.formatTimeOfDay(timeOfDay)
                + (withTimeZone ? "+00" : "") + DateTimeText.era(days);
        return TypeCodec.utf8(text);
    }

    private long parse(String value) {
        DateTimeText.Split split = DateTimeText.split(value);
        long days = DateTimeText.parseDate(split.date(), split.bc(), typeName, value);
        String time = split.rest();
        int eastSeconds = 0;
        if (withTimeZone) {
            int offsetStart = DateTimeText.offsetStart(time);
            if (offsetStart < 0) {
                // without an offset the value would depend on a session TimeZone this codec cannot know
                throw PgTypeException.invalidText(typeName, value);
            }
            eastSeconds = DateTimeText.parseOffset(time.substring(offsetStart), typeName, value);
            time = time.substring(0, offsetStart);
        }
        long timeOfDay = time.isEmpty() ? 0 : DateTimeText.parseTimeOfDay(time, typeName, value);
        try {
            long local = Math.addExact(Math.multiplyExact(days, DateTimeText.MICROS_PER_DAY), timeOfDay);
            return Math.subtractExact(local, eastSeconds * DateTimeText.MICROS_PER_SECOND);
        } catch (ArithmeticException e) {
            throw new PgTypeException(SqlState.DATETIME_FIELD_OVERFLOW, "timestamp out of range: \"" + value + "\"");
        }
    }
}
