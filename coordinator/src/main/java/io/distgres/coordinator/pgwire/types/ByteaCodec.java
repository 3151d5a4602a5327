package io.distgres.coordinator.pgwire.types;

import java.io.ByteArrayOutputStream;
import java.util.HexFormat;

/**
 * Converts bytea: binary is the raw bytes; text is {@code \x} hex (the default bytea_output) or the legacy escape
 * format that {@code bytea_output = escape} prints.
 */
final class ByteaCodec implements TypeCodec {
    @Override
    public byte[] toBinary(byte[] text) {
        if (text.length >= 2 && text[0] == '\\' && text[1] == 'x') {
            return parseHex(text);
        }
        return parseEscape(text);
    }

    @Override
    public byte[] toText(byte[] binary) {
        return TypeCodec.utf8("\\x" + HexFormat.of().formatHex(binary));
    }

    private static byte[] parseHex(byte[] text) {
        // byteain allows whitespace between hex pairs
        String hex = TypeCodec.string(text).substring(2).replaceAll("[ \\t\\n\\r]", "");
        try {
            return HexFormat.of().parseHex(hex);
        } catch (IllegalArgumentException e) {
            throw PgTypeException.invalidText("bytea", TypeCodec.string(text));
        }
    }

    private static byte[] parseEscape(byte[] text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length);
        int i = 0;
        while (i < text.length) {
            byte b = text[i];
            if (b != '\\') {
                out.write(b);
                i++;
            } else if (i + 1 < text.length && text[i + 1] == '\\') {
                out.write('\\');
                i += 2;
            } else if (i + 3 < text.length && isOctal(text[i + 1], '3') && isOctal(text[i + 2], '7')
                    && isOctal(text[i + 3], '7')) {
                out.write(((text[i + 1] - '0') << 6) | ((text[i + 2] - '0') << 3) | (text[i + 3] - '0'));
                i += 4;
            } else {
                throw PgTypeException.invalidText("bytea", TypeCodec.string(text));
            }
        }
        return out.toByteArray();
    }

    private static boolean isOctal(byte b, char max) {
        return b >= '0' && b <= max;
    }
}
