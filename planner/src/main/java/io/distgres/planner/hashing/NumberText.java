package io.distgres.planner.hashing;

import io.distgres.sqlstate.SqlState;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code real}, {@code double precision} and {@code numeric} text as PostgreSQL 17's {@code float4in},
 * {@code float8in} and {@code numeric_in} do, including their special values and error messages.
 */
final class NumberText {
    private static final Pattern FLOAT_DECIMAL = Pattern.compile("[+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?");
    private static final Pattern FLOAT_HEX =
            Pattern.compile("[+-]?0[xX](?:[0-9a-fA-F]+\\.?[0-9a-fA-F]*|\\.[0-9a-fA-F]+)(?:[pP][+-]?\\d+)?");
    private static final Pattern NUMERIC_DECIMAL = Pattern.compile(
            "([+-]?(?:\\d(?:_?\\d)*(?:\\.(?:\\d(?:_?\\d)*)?)?|\\.\\d(?:_?\\d)*))(?:[eE]([+-]?\\d+))?");
    private static final Pattern NUMERIC_PREFIXED =
            Pattern.compile("([+-]?)0(?:([xX])((?:_?[0-9a-fA-F])+)|([oO])((?:_?[0-7])+)|([bB])((?:_?[01])+))");
    /** Digits PostgreSQL's numeric can hold before the point (weight is an int16 of base-10000 digits). */
    private static final int MAX_INTEGER_DIGITS = 131_072;
    /** NUMERIC_DSCALE_MAX: digits after the point. */
    private static final int MAX_SCALE = 16_383;

    private NumberText() {
    }

    /** {@code float8in}. */
    static double float8(String text) {
        String value = strip(text);
        Double special = special(value);
        if (special != null) {
            return special;
        }
        String decimal = javaSyntax(value, "double precision", text);
        double result = Double.parseDouble(decimal);
        checkRange(result, decimal, "double precision", text);
        return result;
    }

    /** {@code float4in}: rounded once, straight to float, as {@code strtof} does. */
    static float float4(String text) {
        String value = strip(text);
        Double special = special(value);
        if (special != null) {
            return special.floatValue();
        }
        String decimal = javaSyntax(value, "real", text);
        float result = Float.parseFloat(decimal);
        checkRange(result, decimal, "real", text);
        return result;
    }

    /** {@code numeric_in}: the exact value, or empty for NaN and the infinities (which hash alike, to 0). */
    static Optional<BigDecimal> numeric(String text) {
        String value = strip(text);
        String lower = value.toLowerCase(Locale.ROOT);
        if (lower.equals("nan") || lower.matches("[+-]?inf(inity)?")) {
            return Optional.empty();
        }
        Matcher prefixed = NUMERIC_PREFIXED.matcher(value);
        if (prefixed.matches()) {
            int radix = prefixed.group(2) != null ? 16 : prefixed.group(4) != null ? 8 : 2;
            String digits = prefixed.group(3) != null ? prefixed.group(3)
                    : prefixed.group(5) != null ? prefixed.group(5) : prefixed.group(7);
            BigInteger magnitude = new BigInteger(digits.replace("_", ""), radix);
            return Optional.of(new BigDecimal(prefixed.group(1).equals("-") ? magnitude.negate() : magnitude));
        }
        Matcher decimal = NUMERIC_DECIMAL.matcher(value);
        if (!decimal.matches()) {
            throw HashingException.invalidSyntax("numeric", text);
        }
        BigDecimal result;
        try {
            String exponent = decimal.group(2) == null ? "" : "e" + Integer.parseInt(decimal.group(2));
            result = new BigDecimal(decimal.group(1).replace("_", "") + exponent);
        } catch (NumberFormatException e) {
            throw overflow(); // an exponent beyond int range, or a scale BigDecimal cannot hold
        }
        if (result.precision() - result.scale() > MAX_INTEGER_DIGITS || result.scale() > MAX_SCALE) {
            throw overflow();
        }
        return Optional.of(result);
    }

    /** The infinities and NaN in the spellings {@code float8in} accepts, or null. */
    private static Double special(String value) {
        switch (value.toLowerCase(Locale.ROOT)) {
            case "nan", "+nan", "-nan":
                return Double.NaN;
            case "inf", "+inf", "infinity", "+infinity":
                return Double.POSITIVE_INFINITY;
            case "-inf", "-infinity":
                return Double.NEGATIVE_INFINITY;
            default:
                return null;
        }
    }

    /** The text in a form Java parses with the same value: strtod's hex floats may omit the binary exponent. */
    private static String javaSyntax(String value, String typeName, String text) {
        if (FLOAT_DECIMAL.matcher(value).matches()) {
            return value;
        }
        if (FLOAT_HEX.matcher(value).matches()) {
            return value.matches(".*[pP].*") ? value : value + "p0";
        }
        throw HashingException.invalidSyntax(typeName, text);
    }

    /** Like strtod's ERANGE: overflow to infinity and underflow to zero of a nonzero value are errors. */
    private static void checkRange(double result, String decimal, String typeName, String text) {
        String mantissa = decimal.replaceFirst("[eEpP].*", "").replaceFirst("^[+-]?0[xX]", "");
        boolean nonzero = mantissa.chars().anyMatch(c -> c != '0' && c != '.' && c != '+' && c != '-');
        if (Double.isInfinite(result) || (result == 0 && nonzero)) {
            throw new HashingException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
                    "\"" + text + "\" is out of range for type " + typeName);
        }
    }

    private static String strip(String text) {
        int start = IntegerText.skipSpace(text, 0);
        int end = text.length();
        while (end > start && IntegerText.isSpace(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
    }

    private static HashingException overflow() {
        return new HashingException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value overflows numeric format");
    }
}
