package io.distgres.coordinator.pgwire.types;

import java.nio.ByteBuffer;

/** Converts date: int32 days since 2000-01-01, with the extremes standing for -infinity and infinity. */
final class DateCodec implements TypeCodec {
    private static final int MINUS_INFINITY = Integer.MIN_VALUE;
    private static final int PLUS_INFINITY = Integer.MAX_VALUE;

    @Override
    public byte[] toBinary(byte[] text) {
        String value = TypeCodec.string(text).trim();
        int days = switch (value) {
            case "infinity" -> PLUS_INFINITY;
            case "-infinity" -> MINUS_INFINITY;
            default -> {
                DateTimeText.Split split = DateTimeText.split(value);
                if (!split.rest().isEmpty()) {
                    throw PgTypeException.invalidText("date", value);
                }
                yield Math.toIntExact(DateTimeText.parseDate(split.date(), split.bc(), "date", value));
            }
        };
        return ByteBuffer.allocate(4).putInt(days).array();
    }

    @Override
    public byte[] toText(byte[] binary) {
        int days = BinaryInput.ofLength(binary, 4, "date").int32();
        return TypeCodec.utf8(switch (days) {
            case PLUS_INFINITY -> "infinity";
            case MINUS_INFINITY -> "-infinity";
            default -> DateTimeText.formatDate(days) + DateTimeText.era(days);
        });
    }
}
