package io.distgres.coordinator.pgwire.types;

import io.distgres.sqlstate.SqlState;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and prints the pieces of PostgreSQL's ISO date/time text ({@code DateStyle = ISO}, the default): dates,
 * times of day and UTC offsets, counted from PostgreSQL's epoch 2000-01-01.
 *
 * <p>PostgreSQL's calendar is the proleptic Gregorian one, as is {@link LocalDate}; year 1 BC is ISO year 0.
 */
final class DateTimeText {
    static final long MICROS_PER_SECOND = 1_000_000L;
    static final long MICROS_PER_DAY = 86_400L * MICROS_PER_SECOND;
    /** 2000-01-01 as days since 1970-01-01. */
    private static final long POSTGRES_EPOCH_DAY = 10_957L;
    private static final String BC_SUFFIX = " BC";

    private static final Pattern DATE = Pattern.compile("(\\d{1,7})-(\\d{1,2})-(\\d{1,2})");
    private static final Pattern TIME = Pattern.compile("(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,9}))?)?");
    private static final Pattern OFFSET = Pattern.compile("([+-])(\\d{1,2})(?::?(\\d{2})(?::?(\\d{2}))?)?");

    private DateTimeText() {
    }

    /** A date/time text split into its date, the rest, and whether it ended in {@code BC}. */
    record Split(String date, String rest, boolean bc) {
    }

    /** Splits {@code 0044-03-15 12:00:00+05:53:28 BC} into date, time-and-offset and the era. */
    static Split split(String text) {
        boolean bc = text.endsWith(BC_SUFFIX);
        String body = bc ? text.substring(0, text.length() - BC_SUFFIX.length()).trim() : text;
        int space = body.indexOf(' ');
        if (space < 0) {
            return new Split(body, "", bc);
        }
        return new Split(body.substring(0, space), body.substring(space + 1).trim(), bc);
    }

    /** Days since 2000-01-01 of a {@code YYYY-MM-DD} date; PostgreSQL's year Y BC is ISO year 1 - Y. */
    static long parseDate(String date, boolean bc, String typeName, String whole) {
        Matcher m = DATE.matcher(date);
        if (!m.matches()) {
            throw PgTypeException.invalidText(typeName, whole);
        }
        int year = Integer.parseInt(m.group(1));
        if (bc && year == 0) {
            throw PgTypeException.invalidText(typeName, whole);
        }
        try {
            LocalDate local = LocalDate.of(bc ? 1 - year : year, Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)));
            return local.toEpochDay() - POSTGRES_EPOCH_DAY;
        } catch (DateTimeException e) {
            throw new PgTypeException(SqlState.DATETIME_FIELD_OVERFLOW, "date/time field value out of range: \""
                    + whole + "\"");
        }
    }

    /** Microseconds since midnight of {@code HH:MM[:SS[.ffffff]]}; 24:00:00 is allowed, as PostgreSQL does. */
    static long parseTimeOfDay(String time, String typeName, String whole) {
        Matcher m = TIME.matcher(time);
        if (!m.matches()) {
            throw PgTypeException.invalidText(typeName, whole);
        }
        long hours = Long.parseLong(m.group(1));
        long minutes = Long.parseLong(m.group(2));
        long seconds = m.group(3) == null ? 0 : Long.parseLong(m.group(3));
        long micros = m.group(4) == null ? 0 : fractionMicros(m.group(4));
        long total = ((hours * 60 + minutes) * 60 + seconds) * MICROS_PER_SECOND + micros;
        if (minutes > 59 || seconds > 60 || total > MICROS_PER_DAY) {
            throw new PgTypeException(SqlState.DATETIME_FIELD_OVERFLOW, "date/time field value out of range: \""
                    + whole + "\"");
        }
        return total;
    }

    /** Microseconds in a fraction's digits, rounded half up past the sixth digit. */
    static long fractionMicros(String digits) {
        String six = (digits + "000000").substring(0, 6);
        long micros = Long.parseLong(six);
        if (digits.length() > 6 && digits.charAt(6) >= '5') {
            micros++;
        }
        return micros;
    }

    /** Seconds east of UTC of {@code +05}, {@code +05:30} or {@code -03:12:15}. */
    static int parseOffset(String offset, String typeName, String whole) {
        Matcher m = OFFSET.matcher(offset);
        if (!m.matches()) {
            throw PgTypeException.invalidText(typeName, whole);
        }
        int seconds = Integer.parseInt(m.group(2)) * 3600
                + (m.group(3) == null ? 0 : Integer.parseInt(m.group(3)) * 60)
                + (m.group(4) == null ? 0 : Integer.parseInt(m.group(4)));
        return m.group(1).equals("-") ? -seconds : seconds;
    }

    /** Index where the UTC offset starts in a time-with-offset text, or -1 when there is none. */
    static int offsetStart(String timeAndOffset) {
        for (int i = 1; i < timeAndOffset.length(); i++) {
            char c = timeAndOffset.charAt(i);
            if (c == '+' || c == '-') {
                return i;
            }
        }
        return -1;
    }

    /** {@code YYYY-MM-DD} of days since 2000-01-01, without the era; see {@link #isBc(long)}. */
    static String formatDate(long days) {
        LocalDate date = LocalDate.ofEpochDay(days + POSTGRES_EPOCH_DAY);
        int year = date.getYear() <= 0 ? 1 - date.getYear() : date.getYear();
        return String.format("%04d-%02d-%02d", year, date.getMonthValue(), date.getDayOfMonth());
    }

    static boolean isBc(long days) {
        return LocalDate.ofEpochDay(days + POSTGRES_EPOCH_DAY).getYear() <= 0;
    }

    static String era(long days) {
        return isBc(days) ? BC_SUFFIX : "";
    }

    /** {@code HH:MM:SS[.ffffff]} with the fraction's trailing zeros dropped, as PostgreSQL prints it. */
    static String formatTimeOfDay(long micros) {
        long seconds = micros / MICROS_PER_SECOND;
        String text = String.format("%02d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
        return text + formatFraction(micros % MICROS_PER_SECOND);
    }

    /** {@code .ffffff} without trailing zeros, or nothing for a whole second. */
    static String formatFraction(long micros) {
        if (micros == 0) {
            return "";
        }
        String digits = String.format("%06d", micros);
        int end = digits.length();
        while (digits.charAt(end - 1) == '0') {
            end--;
        }
        return "." + digits.substring(0, end);
    }

    /** {@code +05}, {@code +05:30} or {@code -03:12:15} for seconds east of UTC, as PostgreSQL prints it. */
    static String formatOffset(int eastSeconds) {
        int abs = Math.abs(eastSeconds);
        StringBuilder out = new StringBuilder(eastSeconds < 0 ? "-" : "+")
                .append(String.format("%02d", abs / 3600));
        if (abs % 3600 != 0) {
            out.append(String.format(":%02d", abs / 60 % 60));
            if (abs % 60 != 0) {
                out.append(String.format(":%02d", abs % 60));
            }
        }
        return out.toString();
    }
}
