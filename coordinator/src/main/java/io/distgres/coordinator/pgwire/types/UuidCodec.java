package io.distgres.coordinator.pgwire.types;

import java.util.HexFormat;

/** Converts uuid: 16 bytes; text is lower-case hex in the 8-4-4-4-12 layout. */
final class UuidCodec implements TypeCodec {
    @Override
    public byte[] toBinary(byte[] text) {
        String value = TypeCodec.string(text).trim();
        // uuid_in also takes braces, upper case and missing hyphens
        String hex = value.replace("-", "");
        if (hex.startsWith("{") && hex.endsWith("}")) {
            hex = hex.substring(1, hex.length() - 1);
        }
        if (hex.length() != 32) {
            throw PgTypeException.invalidText("uuid", value);
        }
        try {
            return HexFormat.of().parseHex(hex);
        } catch (IllegalArgumentException e) {
            throw PgTypeException.invalidText("uuid", value);
        }
    }

    @Override
    public byte[] toText(byte[] binary) {
        BinaryInput.ofLength(binary, 16, "uuid");
        String hex = HexFormat.of().formatHex(binary);
        String text = hex.substring(0, 8) + '-' + hex.substring(8, 12) + '-' + hex.substring(12, 16) + '-'
                + hex.substring(16, 20) + '-' + hex.substring(20);
        return TypeCodec.utf8(text);
    }
}
