package io.distgres.planner.hashing;

import io.distgres.sqlstate.SqlState;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;

/**
 * Reads {@code boolean}, {@code "char"}, {@code uuid} and {@code bytea} text as PostgreSQL 17's {@code boolin},
 * {@code charin}, {@code uuid_in} and {@code byteain} do, with their error messages.
 */
final class ScalarText {
    private ScalarText() {
    }

    /** {@code boolin}: any unambiguous prefix of true/false/yes/no, on/off, 1/0, case-insensitive. */
    static boolean bool(String text) {
        String value = text.strip().toLowerCase(Locale.ROOT);
        if (!value.isEmpty()) {
            if (isPrefixOf(value, "true", 1) || isPrefixOf(value, "yes", 1) || isPrefixOf(value, "on", 2)
                    || value.equals("1")) {
                return true;
            }
            if (isPrefixOf(value, "false", 1) || isPrefixOf(value, "no", 1) || isPrefixOf(value, "off", 2)
                    || value.equals("0")) {
                return false;
            }
        }
        throw HashingException.invalidSyntax("boolean", text);
    }

    /** {@code charin}: a {@code \ooo} octal escape, else the first byte of the text (0 for empty text). */
    static byte internalChar(String text) {
        if (text.length() == 4 && text.charAt(0) == '\\'
                && text.substring(1).chars().allMatch(c -> c >= '0' && c <= '7')) {
            return (byte) Integer.parseInt(text.substring(1), 8);
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return bytes.length == 0 ? 0 : bytes[0];
    }

    /** {@code uuid_in}: 32 hex digits, a hyphen allowed after any group of four, optionally in braces. */
    static UUID uuid(String text) {
        int at = text.startsWith("{") ? 1 : 0;
        long high = 0;
        long low = 0;
        for (int i = 0; i < 16; i++) {
            if (at + 2 > text.length()) {
                throw HashingException.invalidSyntax("uuid", text);
            }
            int hi = hexDigit(text.charAt(at));
            int lo = hexDigit(text.charAt(at + 1));
            if (hi < 0 || lo < 0) {
                throw HashingException.invalidSyntax("uuid", text);
            }
            int octet = hi << 4 | lo;
            if (i < 8) {
                high = high << 8 | octet;
            } else {
                low = low << 8 | octet;
            }
            at += 2;
            if (i % 2 == 1 && i < 15 && at < text.length() && text.charAt(at) == '-') {
                at++;
            }
        }
        if (text.startsWith("{")) {
            if (at >= text.length() || text.charAt(at) != '}') {
                throw HashingException.invalidSyntax("uuid", text);
            }
            at++;
        }
        if (at != text.length()) {
            throw HashingException.invalidSyntax("uuid", text);
        }
        return new UUID(high, low);
    }

    /** {@code byteain}: {@code \x} hex (whitespace allowed between pairs) or the escape format. */
    static byte[] bytea(String text) {
        if (text.startsWith("\\x") || text.startsWith("\\X")) {
            return hexBytea(text);
        }
        byte[] raw = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length);
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] != '\\') {
                out.write(raw[i]);
            } else if (i + 1 < raw.length && raw[i + 1] == '\\') {
                out.write('\\');
                i++;
            } else if (i + 3 < raw.length && isOctal(raw[i + 1], '3') && isOctal(raw[i + 2], '7')
                    && isOctal(raw[i + 3], '7')) {
                out.write((raw[i + 1] - '0') << 6 | (raw[i + 2] - '0') << 3 | (raw[i + 3] - '0'));
                i += 3;
            } else {
                // byteain's message for a bad escape names no value
                throw new HashingException(SqlState.INVALID_TEXT_REPRESENTATION,
                        "invalid input syntax for type bytea");
            }
        }
        return out.toByteArray();
    }

    private static byte[] hexBytea(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() / 2);
        int at = 2;
        while (at < text.length()) {
            char c = text.charAt(at);
            if (IntegerText.isSpace(c)) {
                at++;
                continue;
            }
            int hi = hexDigit(c);
            if (hi < 0) {
                throw invalidHexDigit(text, at);
            }
            if (at + 1 >= text.length()) {
                throw new HashingException(SqlState.INVALID_PARAMETER_VALUE,
                        "invalid hexadecimal data: odd number of digits");
            }
            int lo = hexDigit(text.charAt(at + 1));
            if (lo < 0) {
                throw invalidHexDigit(text, at + 1);
            }
            out.write(hi << 4 | lo);
            at += 2;
        }
        return out.toByteArray();
    }

    private static HashingException invalidHexDigit(String text, int at) {
        return new HashingException(SqlState.INVALID_PARAMETER_VALUE,
                "invalid hexadecimal digit: \"" + text.substring(at, text.offsetByCodePoints(at, 1)) + "\"");
    }

    private static boolean isPrefixOf(String value, String word, int minLength) {
        return value.length() >= minLength && word.startsWith(value);
    }

    private static boolean isOctal(byte b, char max) {
        return b >= '0' && b <= max;
    }

    private static int hexDigit(char c) {
        return c < 128 ? Character.digit(c, 16) : -1;
    }
}
