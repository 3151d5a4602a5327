package io.distgres.planner.hashing;

/**
 * Reads integer text as PostgreSQL 17's {@code int2in}, {@code int4in}, {@code int8in} and {@code oidin} do, with
 * their error messages: surrounding whitespace, a sign, {@code 0x}/{@code 0o}/{@code 0b} prefixes and {@code _}
 * between digits for the integer types; C's {@code strtoul} rules (octal after a leading 0, and negative values
 * wrapping around) for {@code oid}.
 */
final class IntegerText {
    private IntegerText() {
    }

    /** The value of {@code text} as an integer type of at most 64 bits, e.g. (-2^15, 2^15 - 1, "smallint"). */
    static long parseSigned(String text, long min, long max, String typeName) {
        int at = skipSpace(text, 0);
        boolean negative = false;
        if (at < text.length() && (text.charAt(at) == '+' || text.charAt(at) == '-')) {
            negative = text.charAt(at) == '-';
            at++;
        }
        int radix = radixAt(text, at);
        if (radix != 10) {
            at += 2;
        }
        // unsigned magnitude limit: |min| for negatives, which for bigint is 2^63, one more than Long.MAX_VALUE
        long limit = negative ? -min : max;
        long magnitude = 0;
        int digits = 0;
        for (; at < text.length(); at++) {
            char c = text.charAt(at);
            if (c == '_' && (digits > 0 || radix != 10) && at + 1 < text.length()
                    && Character.digit(text.charAt(at + 1), radix) >= 0 && isAscii(text.charAt(at + 1))) {
                continue; // an underscore only separates digits
            }
            int digit = isAscii(c) ? Character.digit(c, radix) : -1;
            if (digit < 0) {
                break;
            }
            if (Long.compareUnsigned(magnitude, Long.divideUnsigned(limit - digit, radix)) > 0) {
                throw HashingException.outOfRange(typeName, text);
            }
            magnitude = magnitude * radix + digit;
            digits++;
        }
        if (digits == 0 || skipSpace(text, at) != text.length()) {
            throw HashingException.invalidSyntax(typeName, text);
        }
        return negative ? -magnitude : magnitude;
    }

    /** The value of {@code text} as an {@code oid}, as {@code oidin} reads it with {@code strtoul(s, &end, 0)}. */
    static int parseOid(String text) {
        int at = skipSpace(text, 0);
        boolean negative = false;
        if (at < text.length() && (text.charAt(at) == '+' || text.charAt(at) == '-')) {
            negative = text.charAt(at) == '-';
            at++;
        }
        int radix = 10;
        if (text.startsWith("0x", at) || text.startsWith("0X", at)) {
            if (at + 2 < text.length() && Character.digit(text.charAt(at + 2), 16) >= 0) {
                radix = 16;
                at += 2;
            }
        } else if (text.startsWith("0", at)) {
            radix = 8;
        }
        long magnitude = 0; // unsigned; strtoul's unsigned long is 64 bits here
        boolean overflow = false;
        int start = at;
        for (; at < text.length(); at++) {
            char c = text.charAt(at);
            int digit = isAscii(c) ? Character.digit(c, radix) : -1;
            if (digit < 0) {
                break;
            }
            if (Long.compareUnsigned(magnitude, Long.divideUnsigned(-1L - digit, radix)) > 0) {
                overflow = true;
            }
            magnitude = magnitude * radix + digit;
        }
        if (at == start) {
            throw HashingException.invalidSyntax("oid", text);
        }
        if (overflow) {
            throw HashingException.outOfRange("oid", text);
        }
        if (skipSpace(text, at) != text.length()) {
            throw HashingException.invalidSyntax("oid", text);
        }
        long value = negative ? -magnitude : magnitude;
        // oidin accepts what fits in 32 bits after either zero or sign extension, so "-1" is 4294967295
        if (value != (value & 0xFFFF_FFFFL) && value != (long) (int) value) {
            throw HashingException.outOfRange("oid", text);
        }
        return (int) value;
    }

    /** The index of the first non-space at or after {@code at}; C's {@code isspace} set, as PostgreSQL uses. */
    static int skipSpace(String text, int at) {
        while (at < text.length() && isSpace(text.charAt(at))) {
            at++;
        }
        return at;
    }

    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B;
    }

    private static int radixAt(String text, int at) {
        if (at + 1 < text.length() && text.charAt(at) == '0') {
            switch (Character.toLowerCase(text.charAt(at + 1))) {
                case 'x':
                    return 16;
                case 'o':
                    return 8;
                case 'b':
                    return 2;
                default:
                    return 10;
            }
        }
        return 10;
    }

    private static boolean isAscii(char c) {
        return c < 128; // Character.digit would accept other scripts' digits, PostgreSQL does not
    }
}
