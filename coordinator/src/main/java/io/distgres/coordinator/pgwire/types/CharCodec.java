package io.distgres.coordinator.pgwire.types;

/**
 * Converts the one-byte {@code "char"} type.
 *
 * <p>Since PostgreSQL 16 {@code charout} prints a byte with the high bit set as {@code \ooo} octal, and an empty
 * string is the zero byte.
 */
final class CharCodec implements TypeCodec {
    @Override
    public byte[] toBinary(byte[] text) {
        if (text.length == 4 && text[0] == '\\' && isOctal(text[1]) && isOctal(text[2]) && isOctal(text[3])) {
            return new byte[] {(byte) (((text[1] - '0') << 6) | ((text[2] - '0') << 3) | (text[3] - '0'))};
        }
        // charin keeps only the first byte
        return new byte[] {text.length == 0 ? 0 : text[0]};
    }

    @Override
    public byte[] toText(byte[] binary) {
        byte value = BinaryInput.ofLength(binary, 1, "\"char\"").int8();
        if (value == 0) {
            return new byte[0];
        }
        if (value < 0) {
            int unsigned = value & 0xFF;
            return TypeCodec.utf8(String.format("\\%03o", unsigned));
        }
        return new byte[] {value};
    }

    private static boolean isOctal(byte b) {
        return b >= '0' && b <= '7';
    }
}
