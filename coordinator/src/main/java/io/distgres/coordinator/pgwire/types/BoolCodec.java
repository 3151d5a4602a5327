package io.distgres.coordinator.pgwire.types;

/** Converts bool: one byte, 0 or 1. */
final class BoolCodec implements TypeCodec {
    @Override
    public byte[] toBinary(byte[] text) {
        String value = TypeCodec.string(text).trim().toLowerCase(java.util.Locale.ROOT);
        // boolin accepts any unique prefix of true/false/yes/no and on/off/1/0; output is always t or f
        return switch (value) {
            case "t", "tr", "tru", "true", "y", "ye", "yes", "on", "1" -> new byte[] {1};
            case "f", "fa", "fal", "fals", "false", "n", "no", "of", "off", "0" -> new byte[] {0};
            default -> throw PgTypeException.invalidText("boolean", value);
        };
    }

    @Override
    public byte[] toText(byte[] binary) {
        BinaryInput in = BinaryInput.ofLength(binary, 1, "boolean");
        // boolrecv treats any non-zero byte as true
        return TypeCodec.utf8(in.int8() != 0 ? "t" : "f");
    }
}
