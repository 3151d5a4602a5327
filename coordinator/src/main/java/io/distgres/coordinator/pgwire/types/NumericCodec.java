package io.distgres.coordinator.pgwire.types;

import io.distgres.sqlstate.SqlState;
import java.math.BigDecimal;
import java.nio.ByteBuffer;

/**
 * Converts numeric: binary is ndigits, weight, sign and dscale (int16 each) then base-10000 digits.
 *
 * <p>The digit groups are aligned on the decimal point, {@code weight} is the power of 10000 of the first group,
 * and PostgreSQL stores (and so sends) no leading or trailing zero groups. Zero has no groups and weight 0.
 */
final class NumericCodec implements TypeCodec {
    private static final int POSITIVE = 0x0000;
    private static final int NEGATIVE = 0x4000;
    private static final int NAN = 0xC000;
    private static final int PLUS_INFINITY = 0xD000;
    private static final int MINUS_INFINITY = 0xF000;
    private static final int MAX_DSCALE = 0x3FFF;
    /**
     * numeric_send reads the dscale of a special value out of its short header, where the infinity flag bits
     * overlap the dscale field; PostgreSQL 14+ therefore sends 32 for ±Infinity (and 0 for NaN).
     */
    private static final int INFINITY_DSCALE = 0x20;

    @Override
    public byte[] toBinary(byte[] text) {
        String value = TypeCodec.string(text).trim();
        switch (value.toLowerCase(java.util.Locale.ROOT)) {
            case "nan":
                return header(0, 0, NAN, 0).array();
            case "infinity", "+infinity", "inf", "+inf":
                return header(0, 0, PLUS_INFINITY, INFINITY_DSCALE).array();
            case "-infinity", "-inf":
                return header(0, 0, MINUS_INFINITY, INFINITY_DSCALE).array();
            default:
                return finite(value);
        }
    }

    @Override
    public byte[] toText(byte[] binary) {
        BinaryInput in = new BinaryInput(binary, "numeric");
        int ndigits = in.int16() & 0xFFFF;
        int weight = in.int16();
        int sign = in.int16() & 0xFFFF;
        int dscale = in.int16() & 0xFFFF;
        if (ndigits > 0x7FFF) {
            throw in.error("invalid length in external numeric value");
        }
        short[] digits = new short[ndigits];
        for (int i = 0; i < ndigits; i++) {
            digits[i] = in.int16();
            if (digits[i] < 0 || digits[i] > 9999) {
                throw in.error("invalid digit in external numeric value");
            }
        }
        in.end();
        return TypeCodec.utf8(switch (sign) {
            case NAN -> "NaN";
            case PLUS_INFINITY -> "Infinity";
            case MINUS_INFINITY -> "-Infinity";
            case POSITIVE, NEGATIVE -> {
                if (dscale > MAX_DSCALE) {
                    throw in.error("invalid scale in external numeric value");
                }
                yield decimal(sign == NEGATIVE, weight, digits, dscale);
            }
            default -> throw in.error("invalid sign in external numeric value");
        });
    }

    private static byte[] finite(String value) {
        String plain = plainDecimal(value);
        boolean negative = plain.startsWith("-");
        String unsigned = negative || plain.startsWith("+") ? plain.substring(1) : plain;
        int point = unsigned.indexOf('.');
        String integerPart = point < 0 ? unsigned : unsigned.substring(0, point);
        String fractionPart = point < 0 ? "" : unsigned.substring(point + 1);
        if (fractionPart.length() > MAX_DSCALE) {
            throw new PgTypeException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "numeric value out of range: \"" + value
                    + "\"");
        }
        int integerGroups = (integerPart.length() + 3) / 4;
        String aligned = "0".repeat(integerGroups * 4 - integerPart.length()) + integerPart + fractionPart
                + "0".repeat((4 - fractionPart.length() % 4) % 4);
        short[] groups = new short[aligned.length() / 4];
        for (int i = 0; i < groups.length; i++) {
            groups[i] = Short.parseShort(aligned.substring(i * 4, i * 4 + 4));
        }
        int first = 0;
        while (first < groups.length && groups[first] == 0) {
            first++;
        }
        int last = groups.length;
        while (last > first && groups[last - 1] == 0) {
            last--;
        }
        int dscale = fractionPart.length();
        if (first == last) {
            return header(0, 0, POSITIVE, dscale).array();
        }
        int weight = integerGroups - 1 - first;
        ByteBuffer out = header(last - first, weight, negative ? NEGATIVE : POSITIVE, dscale);
        for (int i = first; i < last; i++) {
            out.putShort(groups[i]);
        }
        return out.array();
    }

    /** Accepts numeric_out's plain form directly and anything else BigDecimal reads (exponents) via it. */
    private static String plainDecimal(String value) {
        if (value.matches("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)")) {
            return value.endsWith(".") ? value.substring(0, value.length() - 1) : value;
        }
        try {
            BigDecimal parsed = new BigDecimal(value);
            return parsed.scale() < 0 ? parsed.setScale(0).toPlainString() : parsed.toPlainString();
        } catch (NumberFormatException e) {
            throw PgTypeException.invalidText("numeric", value);
        }
    }

    private static ByteBuffer header(int ndigits, int weight, int sign, int dscale) {
        return ByteBuffer.allocate(8 + 2 * ndigits)
                .putShort((short) ndigits)
                .putShort((short) weight)
                .putShort((short) sign)
                .putShort((short) dscale);
    }

    /** Prints like numeric_out; digits beyond dscale are cut off, as numeric_recv truncates them. */
    private static String decimal(boolean negative, int weight, short[] digits, int dscale) {
        StringBuilder out = new StringBuilder();
        for (int group = 0; group <= weight; group++) {
            out.append(String.format("%04d", group < digits.length ? digits[group] : 0));
        }
        // unstripped input may lead with zero groups; numeric_in would accept them, but print the canonical form
        int firstNonZero = 0;
        while (firstNonZero < out.length() - 1 && out.charAt(firstNonZero) == '0') {
            firstNonZero++;
        }
        out.delete(0, firstNonZero);
        if (out.length() == 0) {
            out.append('0');
        }
        if (dscale > 0) {
            StringBuilder fraction = new StringBuilder();
            for (int group = weight + 1; fraction.length() < dscale; group++) {
                int digit = group >= 0 && group < digits.length ? digits[group] : 0;
                fraction.append(String.format("%04d", digit));
            }
            out.append('.').append(fraction, 0, dscale);
        }
        boolean zero = out.chars().allMatch(c -> c == '0' || c == '.');
        return negative && !zero ? "-" + out : out.toString();
    }

}
