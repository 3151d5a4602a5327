package io.distgres.coordinator.pgwire.types;

import io.distgres.sqlstate.SqlState;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Converts interval: int64 microseconds, int32 days, int32 months; text in the default {@code postgres}
 * IntervalStyle, e.g. {@code 1 year 2 mons -3 days +04:05:06.789}.
 *
 * <p>PostgreSQL 17's infinite intervals are all three fields at their maximum (or minimum).
 */
final class IntervalCodec implements TypeCodec {
    private static final String TYPE_NAME = "interval";
    private static final long MICROS_PER_MINUTE = 60 * DateTimeText.MICROS_PER_SECOND;
    private static final long MICROS_PER_HOUR = 60 * MICROS_PER_MINUTE;
    private static final Pattern CLOCK = Pattern.compile("([+-]?)(\\d+):(\\d{1,2})(?::(\\d{1,2})(?:\\.(\\d+))?)?");

    /** The three stored fields of an interval. */
    record Interval(long micros, int days, int months) {
        static final Interval PLUS_INFINITY = new Interval(Long.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE);
        static final Interval MINUS_INFINITY = new Interval(Long.MIN_VALUE, Integer.MIN_VALUE, Integer.MIN_VALUE);
    }

    @Override
    public byte[] toBinary(byte[] text) {
        Interval interval = parse(TypeCodec.string(text).trim());
        return ByteBuffer.allocate(16)
                .putLong(interval.micros())
                .putInt(interval.days())
                .putInt(interval.months())
                .array();
    }

    @Override
    public byte[] toText(byte[] binary) {
        BinaryInput in = BinaryInput.ofLength(binary, 16, TYPE_NAME);
        return TypeCodec.utf8(format(new Interval(in.int64(), in.int32(), in.int32())));
    }

    static String format(Interval interval) {
        if (interval.equals(Interval.PLUS_INFINITY)) {
            return "infinity";
        }
        if (interval.equals(Interval.MINUS_INFINITY)) {
            return "-infinity";
        }
        Parts parts = new Parts();
        parts.add(interval.months() / 12, "year");
        parts.add(interval.months() % 12, "mon");
        parts.add(interval.days(), "day");
        long micros = interval.micros();
        if (parts.zero || micros != 0) {
            // a time after a negative field gets an explicit sign so the text reads back the same
            String sign = micros < 0 ? "-" : parts.before ? "+" : "";
            long abs = Math.abs(micros);
            if (micros == Long.MIN_VALUE) {
                abs = Long.MAX_VALUE; // off by one microsecond only at the unrepresentable extreme
            }
            long seconds = abs % MICROS_PER_MINUTE / DateTimeText.MICROS_PER_SECOND;
            String clock = String.format("%s%02d:%02d:%02d", sign, abs / MICROS_PER_HOUR,
                    abs % MICROS_PER_HOUR / MICROS_PER_MINUTE, seconds);
            parts.append(clock + DateTimeText.formatFraction(abs % DateTimeText.MICROS_PER_SECOND));
        }
        return parts.text.toString();
    }

    /** Accumulates the date fields the way EncodeInterval does. */
    private static final class Parts {
        private final StringBuilder text = new StringBuilder();
        private boolean zero = true;
        private boolean before;

        void add(long value, String unit) {
            if (value == 0) {
                return;
            }
            append((before && value > 0 ? "+" : "") + value + " " + unit + (value != 1 ? "s" : ""));
            before = value < 0;
        }

        void append(String part) {
            if (!zero) {
                text.append(' ');
            }
            text.append(part);
            zero = false;
        }
    }

    static Interval parse(String value) {
        switch (value) {
            case "infinity", "+infinity":
                return Interval.PLUS_INFINITY;
            case "-infinity":
                return Interval.MINUS_INFINITY;
            default:
                break;
        }
        String[] tokens = value.isEmpty() ? new String[0] : value.split("\\s+");
        long months = 0;
        long days = 0;
        long micros = 0;
        boolean ago = false;
        try {
            for (int i = 0; i < tokens.length; i++) {
                String token = tokens[i];
                if (token.equals("@")) {
                    continue;
                }
                if (token.equalsIgnoreCase("ago")) {
                    ago = true;
                    continue;
                }
                if (token.indexOf(':') >= 0) {
                    micros = Math.addExact(micros, clockMicros(token, value));
                    continue;
                }
                if (i + 1 >= tokens.length) {
                    throw PgTypeException.invalidText(TYPE_NAME, value);
                }
                String unit = tokens[++i].toLowerCase(Locale.ROOT);
                switch (unit) {
                    case "year", "years" -> months = Math.addExact(months, Math.multiplyExact(integer(token, value), 12));
                    case "mon", "mons", "month", "months" -> months = Math.addExact(months, integer(token, value));
                    case "week", "weeks" -> days = Math.addExact(days, Math.multiplyExact(integer(token, value), 7));
                    case "day", "days" -> days = Math.addExact(days, integer(token, value));
                    case "hour", "hours" -> micros = Math.addExact(micros, Math.multiplyExact(integer(token, value),
                            MICROS_PER_HOUR));
                    case "min", "mins", "minute", "minutes" -> micros = Math.addExact(micros,
                            Math.multiplyExact(integer(token, value), MICROS_PER_MINUTE));
                    case "sec", "secs", "second", "seconds" -> micros = Math.addExact(micros, secondsMicros(token, value));
                    default -> throw PgTypeException.invalidText(TYPE_NAME, value);
                }
            }
            Interval parsed = new Interval(micros, Math.toIntExact(days), Math.toIntExact(months));
            return ago ? new Interval(-parsed.micros(), -parsed.days(), -parsed.months()) : parsed;
        } catch (ArithmeticException e) {
            throw new PgTypeException(SqlState.DATETIME_FIELD_OVERFLOW, "interval out of range: \"" + value + "\"");
        }
    }

    private static long integer(String token, String whole) {
        try {
            return Long.parseLong(token);
        } catch (NumberFormatException e) {
            throw PgTypeException.invalidText(TYPE_NAME, whole);
        }
    }

    private static long secondsMicros(String token, String whole) {
        Matcher m = Pattern.compile("([+-]?)(\\d+)(?:\\.(\\d+))?").matcher(token);
        if (!m.matches()) {
            throw PgTypeException.invalidText(TYPE_NAME, whole);
        }
        long micros = Math.addExact(Math.multiplyExact(Long.parseLong(m.group(2)), DateTimeText.MICROS_PER_SECOND),
                m.group(3) == null ? 0 : DateTimeText.fractionMicros(m.group(3)));
        return m.group(1).equals("-") ? -micros : micros;
    }

    /** Hours may exceed 24 in an interval's clock part ({@code 100:00:00}), so it is not a time of day. */
    private static long clockMicros(String token, String whole) {
        Matcher m = CLOCK.matcher(token);
        if (!m.matches()) {
            throw PgTypeException.invalidText(TYPE_NAME, whole);
        }
        long micros = Math.multiplyExact(Long.parseLong(m.group(2)), MICROS_PER_HOUR);
        micros = Math.addExact(micros, Long.parseLong(m.group(3)) * MICROS_PER_MINUTE);
        if (m.group(4) != null) {
            micros = Math.addExact(micros, Long.parseLong(m.group(4)) * DateTimeText.MICROS_PER_SECOND);
        }
        if (m.group(5) != null) {
            micros = Math.addExact(micros, DateTimeText.fractionMicros(m.group(5)));
        }
        return m.group(1).equals("-") ? -micros : micros;
    }
}
