package io.distgres.coordinator.pgwire.types;

import java.nio.ByteBuffer;

/** Converts float4 and float8: binary is the IEEE 754 bits, big-endian. */
final class FloatCodec implements TypeCodec {
    private final boolean doublePrecision;

    private FloatCodec(boolean doublePrecision) {
        this.doublePrecision = doublePrecision;
    }

    static FloatCodec float4() {
        return new FloatCodec(false);
    }

    static FloatCodec float8() {
        return new FloatCodec(true);
    }

    @Override
    public byte[] toBinary(byte[] text) {
        String value = TypeCodec.string(text).trim();
        if (doublePrecision) {
            return ByteBuffer.allocate(8).putDouble(parse(value)).array();
        }
        return ByteBuffer.allocate(4).putFloat(parseFloat(value)).array();
    }

    @Override
    public byte[] toText(byte[] binary) {
        if (doublePrecision) {
            double value = Double.longBitsToDouble(BinaryInput.ofLength(binary, 8, "double precision").int64());
            return TypeCodec.utf8(FloatFormatter.formatDouble(value));
        }
        float value = Float.intBitsToFloat(BinaryInput.ofLength(binary, 4, "real").int32());
        return TypeCodec.utf8(FloatFormatter.formatFloat(value));
    }

    private double parse(String text) {
        String normalized = normalize(text);
        try {
            return Double.parseDouble(normalized);
        } catch (NumberFormatException e) {
            throw PgTypeException.invalidText(doublePrecision ? "double precision" : "real", text);
        }
    }

    private float parseFloat(String text) {
        String normalized = normalize(text);
        try {
            // parse as float directly: rounding through double first could round twice
            return Float.parseFloat(normalized);
        } catch (NumberFormatException e) {
            throw PgTypeException.invalidText("real", text);
        }
    }

    /** float8in spells the specials case-insensitively and also as inf; Java wants its own spelling. */
    private static String normalize(String text) {
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        return switch (lower) {
            case "nan", "+nan", "-nan" -> "NaN";
            case "infinity", "+infinity", "inf", "+inf" -> "Infinity";
            case "-infinity", "-inf" -> "-Infinity";
            default -> {
                // Java would accept a trailing d or f suffix and hex floats; PostgreSQL does not
                for (int i = 0; i < lower.length(); i++) {
                    char c = lower.charAt(i);
                    if (!(c >= '0' && c <= '9') && c != '.' && c != 'e' && c != '+' && c != '-') {
                        yield "invalid";
                    }
                }
                yield text;
            }
        };
    }
}
