package io.distgres.coordinator.pgwire.types;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Formats float4 and float8 the way PostgreSQL 12+ prints them with the default {@code extra_float_digits = 1}.
 *
 * <p>PostgreSQL prints the shortest decimal that reads back as the same value (Ryu), choosing the one nearest the
 * exact binary value, and lays it out like C's {@code %g}: fixed notation while the decimal exponent is in
 * [-4, 15) for float8 or [-4, 6) for float4, otherwise {@code 1.5e+20} with at least two exponent digits.
 * Java's {@code Double.toString} differs in layout and, before JDK 19, is not always shortest, so the digits are
 * found here by searching precisions with exact decimal arithmetic.
 */
final class FloatFormatter {
    private FloatFormatter() {
    }

    static String formatDouble(double value) {
        if (!Double.isFinite(value) || value == 0) {
            return special(value);
        }
        double magnitude = Math.abs(value);
        BigDecimal digits = shortest(new BigDecimal(magnitude), 17, new BigDecimal(Math.nextDown(magnitude)),
                new BigDecimal(Math.ulp(magnitude)));
        return (value < 0 ? "-" : "") + layout(digits, 15);
    }

    static String formatFloat(float value) {
        if (!Float.isFinite(value) || value == 0) {
            return special(value);
        }
        float magnitude = Math.abs(value);
        BigDecimal digits = shortest(new BigDecimal(magnitude), 9, new BigDecimal(Math.nextDown(magnitude)),
                new BigDecimal(Math.ulp(magnitude)));
        return (value < 0 ? "-" : "") + layout(digits, 6);
    }

    /** NaN, the infinities and the two zeros; widening a float keeps the sign of -0. */
    private static String special(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (value == 0) {
            return Double.doubleToRawLongBits(value) < 0 ? "-0" : "0";
        }
        return value > 0 ? "Infinity" : "-Infinity";
    }

    /**
     * The shortest decimal strictly inside the value's rounding interval: at each precision only the two
     * neighbours of the exact value can be nearest, and when both qualify Ryu takes the closer one (ties to even).
     *
     * <p>PostgreSQL's Ryu never accepts a decimal lying exactly halfway to a neighbouring value, even though
     * round-half-even would read it back correctly, so the interval is open at both ends.
     */
    private static BigDecimal shortest(BigDecimal exact, int maxDigits, BigDecimal below, BigDecimal ulp) {
        BigDecimal half = new BigDecimal("0.5");
        BigDecimal low = exact.add(below).multiply(half);
        BigDecimal high = exact.add(ulp.multiply(half));
        for (int precision = 1; precision <= maxDigits; precision++) {
            BigDecimal down = exact.round(new MathContext(precision, RoundingMode.FLOOR));
            BigDecimal up = exact.round(new MathContext(precision, RoundingMode.CEILING));
            boolean downOk = down.compareTo(low) > 0;
            boolean upOk = up.compareTo(high) < 0;
            if (downOk && upOk) {
                return exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
            }
            if (downOk) {
                return down;
            }
            if (upOk) {
                return up;
            }
        }
        return exact.round(new MathContext(maxDigits, RoundingMode.HALF_EVEN));
    }

    /** Lays out the digits as {@code %g} would with the given fixed-notation limit on the exponent. */
    private static String layout(BigDecimal value, int fixedLimit) {
        BigDecimal stripped = value.stripTrailingZeros();
        String digits = stripped.unscaledValue().toString();
        int length = digits.length();
        // position of the decimal point relative to the first digit
        int point = length - stripped.scale();
        int exponent = point - 1;
        if (exponent >= -4 && exponent < fixedLimit) {
            if (point <= 0) {
                return "0." + "0".repeat(-point) + digits;
            }
            if (point >= length) {
                return digits + "0".repeat(point - length);
            }
            return digits.substring(0, point) + "." + digits.substring(point);
        }
        StringBuilder out = new StringBuilder(digits.substring(0, 1));
        if (length > 1) {
            out.append('.').append(digits, 1, length);
        }
        out.append('e').append(exponent < 0 ? '-' : '+');
        int absExponent = Math.abs(exponent);
        if (absExponent < 10) {
            out.append('0');
        }
        return out.append(absExponent).toString();
    }
}
