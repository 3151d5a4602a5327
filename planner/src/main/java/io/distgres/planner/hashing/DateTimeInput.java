package io.distgres.planner.hashing;

import static java.util.Objects.requireNonNull;

import io.distgres.sqlstate.SqlState;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the ISO 8601 text forms of {@code date}, {@code time}, {@code timestamp} and {@code timestamptz} into
 * PostgreSQL's integer representation: days, or microseconds, since 2000-01-01 (UTC for {@code timestamptz}).
 *
 * <p>Accepted: {@code YYYY-MM-DD} and {@code YYYYMMDD} dates (4 or more year digits, optional {@code BC}/{@code AD}),
 * an optional time after a space or {@code T} ({@code HH:MM[:SS[.fraction]]}, fraction rounded to microseconds as
 * PostgreSQL does), an optional zone ({@code Z}, {@code ±HH[:MM[:SS]]} or an IANA name such as {@code UTC} or
 * {@code Europe/Berlin}), and {@code infinity}, {@code -infinity}, {@code epoch}, {@code allballs}. A
 * {@code timestamptz} without a zone is read in the zone given to the constructor (UTC unless told otherwise), as
 * PostgreSQL reads it in the session's {@code TimeZone}. Other forms PostgreSQL accepts ({@code Jan 8 1999},
 * {@code 1/8/1999}, {@code now}) are refused with 0A000 rather than guessed; text that is no date at all gets
 * PostgreSQL's 22007.
 */
final class DateTimeInput {
    static final long MICROS_PER_DAY = 86_400_000_000L;
    private static final long POSTGRES_EPOCH_EPOCH_DAY = LocalDate.of(2000, 1, 1).toEpochDay();
    /** 4714-11-24 BC, Julian day 0: PostgreSQL's earliest date and timestamp. */
    private static final long MIN_DAY = LocalDate.of(-4713, 11, 24).toEpochDay() - POSTGRES_EPOCH_EPOCH_DAY;
    private static final long END_DATE_DAY = LocalDate.of(5_874_898, 1, 1).toEpochDay() - POSTGRES_EPOCH_EPOCH_DAY;
    private static final long END_TIMESTAMP_DAY = LocalDate.of(294_277, 1, 1).toEpochDay() - POSTGRES_EPOCH_EPOCH_DAY;
    private static final long EPOCH_1970_DAY = -POSTGRES_EPOCH_EPOCH_DAY;

    private static final String TIME = "(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:(\\.\\d*))?)?";
    /** Z, a numeric offset, or a zone name (never the era that may follow). */
    private static final String ZONE =
            "(Z|[+-]\\d{1,2}(?::?\\d{2}(?::?\\d{2})?)?|(?!(?:BC|AD)$)[A-Za-z][A-Za-z0-9_/+-]*)";
    private static final Pattern TIMESTAMP = Pattern.compile(
            "(\\d{4,})-(\\d{1,2})-(\\d{1,2})(?:[ T]+" + TIME + ")?\\s*" + ZONE + "?(?:\\s+(BC|AD))?",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern COMPACT_DATE = Pattern.compile("(\\d{4})(\\d{2})(\\d{2})(?:\\s+(BC|AD))?",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern TIME_OF_DAY = Pattern.compile(TIME + "\\s*" + ZONE + "?");
    private static final Pattern NUMERIC_OFFSET = Pattern.compile("([+-])(\\d{1,2})(?::?(\\d{2}))?(?::?(\\d{2}))?");

    /** IANA zone names, matched case-insensitively as PostgreSQL matches them. */
    private static final Map<String, ZoneId> ZONES_BY_LOWER_CASE_NAME = zonesByLowerCaseName();

    private final ZoneId defaultZone;

    /** @param defaultZone the session's zone, for timestamptz text without one; null when distgres cannot read it */
    DateTimeInput(ZoneId defaultZone) {
        this.defaultZone = defaultZone;
    }

    /** The IANA zone (or UTC, GMT) of that name, matched case-insensitively as PostgreSQL matches it. */
    static ZoneId zoneNamed(String name) {
        return ZONES_BY_LOWER_CASE_NAME.get(name.toLowerCase(Locale.ROOT));
    }

    /** {@code date_in}: days since 2000-01-01; infinities are the int32 extremes, as PostgreSQL stores them. */
    int date(String text) {
        Special special = Special.of(text);
        if (special != null) {
            return switch (special) {
                case INFINITY -> Integer.MAX_VALUE;
                case MINUS_INFINITY -> Integer.MIN_VALUE;
                case EPOCH -> (int) EPOCH_1970_DAY;
            };
        }
        long day = parseLocal(text, "date").day();
        if (day < MIN_DAY || day >= END_DATE_DAY) {
            throw new HashingException(SqlState.DATETIME_FIELD_OVERFLOW, "date out of range: \"" + text + "\"");
        }
        return (int) day;
    }

    /** {@code timestamp_in}: microseconds since 2000-01-01 00:00, any zone in the text ignored as PostgreSQL does. */
    long timestamp(String text) {
        return checkedTimestamp(text, "timestamp", false);
    }

    /** {@code timestamptz_in}: microseconds since 2000-01-01 00:00 UTC. */
    long timestamptz(String text) {
        return checkedTimestamp(text, "timestamp with time zone", true);
    }

    /** {@code time_in}: microseconds since midnight; a zone in the text is ignored as PostgreSQL does. */
    long time(String text) {
        String value = text.strip();
        if (value.equalsIgnoreCase("allballs")) {
            return 0;
        }
        Matcher m = TIME_OF_DAY.matcher(value);
        if (!m.matches()) {
            throw unrecognized("time", text);
        }
        long micros = timeOfDay(m, 1, text);
        if (micros > MICROS_PER_DAY) {
            throw fieldOverflow(text);
        }
        return micros;
    }

    private long checkedTimestamp(String text, String typeName, boolean withZone) {
        Special special = Special.of(text);
        if (special != null) {
            return switch (special) {
                case INFINITY -> Long.MAX_VALUE;
                case MINUS_INFINITY -> Long.MIN_VALUE;
                case EPOCH -> EPOCH_1970_DAY * MICROS_PER_DAY;
            };
        }
        LocalStamp local = parseLocal(text, typeName);
        HashingException outOfRange = new HashingException(SqlState.DATETIME_FIELD_OVERFLOW,
                "timestamp out of range: \"" + text + "\"");
        if (local.day() < MIN_DAY - 1 || local.day() > END_TIMESTAMP_DAY) {
            throw outOfRange; // checked before multiplying: far dates would overflow microseconds
        }
        long micros = local.day() * MICROS_PER_DAY + local.micros();
        if (withZone) {
            micros -= offsetSeconds(local, defaultZone) * 1_000_000L;
        }
        if (micros < MIN_DAY * MICROS_PER_DAY || micros >= END_TIMESTAMP_DAY * MICROS_PER_DAY) {
            throw outOfRange;
        }
        return micros;
    }

    /** The special date/time words that name a value rather than spell it. */
    private enum Special {
        INFINITY, MINUS_INFINITY, EPOCH;

        static Special of(String text) {
            return switch (text.strip().toLowerCase(Locale.ROOT)) {
                case "infinity", "+infinity" -> INFINITY;
                case "-infinity" -> MINUS_INFINITY;
                case "epoch" -> EPOCH;
                default -> null;
            };
        }
    }

    /** A date and time as written, before any zone is applied; {@code zone} is null when none was written. */
    private record LocalStamp(long day, long micros, String zone) {
    }

    private static LocalStamp parseLocal(String text, String typeName) {
        String value = text.strip();
        Matcher compact = COMPACT_DATE.matcher(value);
        if (compact.matches()) {
            return new LocalStamp(dayOf(compact.group(1), compact.group(2), compact.group(3), compact.group(4), text),
                    0, null);
        }
        Matcher m = TIMESTAMP.matcher(value);
        if (!m.matches()) {
            throw unrecognized(typeName, text);
        }
        long day = dayOf(m.group(1), m.group(2), m.group(3), m.group(9), text);
        return new LocalStamp(day, m.group(4) == null ? 0 : timeOfDay(m, 4, text), m.group(8));
    }

    /** Days since 2000-01-01; PostgreSQL's year Y BC is ISO year 1 - Y (there is no year 0). */
    private static long dayOf(String year, String month, String day, String era, String text) {
        try {
            int y = Integer.parseInt(year);
            boolean bc = era != null && era.equalsIgnoreCase("BC");
            if (bc && y == 0) {
                throw fieldOverflow(text);
            }
            LocalDate date = LocalDate.of(bc ? 1 - y : y, Integer.parseInt(month), Integer.parseInt(day));
            return date.toEpochDay() - POSTGRES_EPOCH_EPOCH_DAY;
        } catch (DateTimeException | NumberFormatException e) {
            throw fieldOverflow(text);
        }
    }

    /** Microseconds of the hour, minute, second and fraction groups starting at {@code group}. */
    private static long timeOfDay(Matcher m, int group, String text) {
        long hours = Long.parseLong(m.group(group));
        long minutes = Long.parseLong(m.group(group + 1));
        long seconds = m.group(group + 2) == null ? 0 : Long.parseLong(m.group(group + 2));
        String fraction = m.group(group + 3);
        // PostgreSQL reads the fraction with strtod and rounds with rint; doing the same keeps ties identical
        long micros = fraction == null || fraction.length() == 1 ? 0
                : (long) Math.rint(Double.parseDouble(fraction) * 1_000_000);
        if (hours > 24 || minutes > 59 || seconds > 60
                || (hours == 24 && (minutes > 0 || seconds > 0 || micros > 0))) {
            throw fieldOverflow(text);
        }
        return ((hours * 60 + minutes) * 60 + seconds) * 1_000_000L + micros;
    }

    /**
     * Seconds east of UTC of the written zone, or of {@code defaultZone} at that local time when none is written
     * ({@code defaultZone} null: a session TimeZone distgres cannot interpret, so such text is refused).
     */
    private static long offsetSeconds(LocalStamp local, ZoneId defaultZone) {
        String zoneText = local.zone();
        if (zoneText == null) {
            if (defaultZone == null) {
                throw new HashingException(SqlState.FEATURE_NOT_SUPPORTED, "distgres cannot read a"
                        + " timestamp with time zone written without an offset in this session's TimeZone;"
                        + " write the offset (e.g. +00) or SET TimeZone to a zone name such as 'UTC'");
            }
            return offsetAt(defaultZone, local.day(), local.micros());
        }
        if (zoneText.equalsIgnoreCase("z")) {
            return 0;
        }
        Matcher numeric = NUMERIC_OFFSET.matcher(zoneText);
        if (numeric.matches()) {
            long seconds = Long.parseLong(numeric.group(2)) * 3600
                    + (numeric.group(3) == null ? 0 : Long.parseLong(numeric.group(3)) * 60)
                    + (numeric.group(4) == null ? 0 : Long.parseLong(numeric.group(4)));
            return numeric.group(1).equals("-") ? -seconds : seconds;
        }
        ZoneId named = ZONES_BY_LOWER_CASE_NAME.get(zoneText.toLowerCase(Locale.ROOT));
        if (named == null) {
            // PostgreSQL prints the name lower-cased, as it matched it
            throw new HashingException(SqlState.INVALID_PARAMETER_VALUE,
                    "time zone \"" + zoneText.toLowerCase(Locale.ROOT) + "\" not recognized");
        }
        return offsetAt(named, local.day(), local.micros());
    }

    /**
     * The offset that turns this local time into UTC in the zone. Like PostgreSQL, a time skipped by a spring-forward
     * takes the offset from before the change and one repeated by a fall-back the offset after it (standard time).
     */
    private static long offsetAt(ZoneId zone, long day, long micros) {
        LocalDateTime local = LocalDate.ofEpochDay(day + POSTGRES_EPOCH_EPOCH_DAY).atStartOfDay()
                .plusSeconds(micros / 1_000_000);
        return local.toEpochSecond(ZoneOffset.UTC) - local.atZone(zone).withLaterOffsetAtOverlap().toEpochSecond();
    }

    private static Map<String, ZoneId> zonesByLowerCaseName() {
        Map<String, ZoneId> zones = new HashMap<>();
        for (String id : ZoneId.getAvailableZoneIds()) {
            zones.put(id.toLowerCase(Locale.ROOT), ZoneId.of(id));
        }
        zones.put("utc", ZoneOffset.UTC);
        zones.put("gmt", ZoneOffset.UTC);
        return Map.copyOf(zones);
    }

    /** 22007 for text with no digits at all (not a date); 0A000 for forms PostgreSQL takes but distgres does not. */
    private static HashingException unrecognized(String typeName, String text) {
        if (text.chars().noneMatch(Character::isDigit)) {
            // date/time input reports bad syntax as invalid_datetime_format, not 22P02
            return new HashingException(SqlState.INVALID_DATETIME_FORMAT,
                    "invalid input syntax for type " + typeName + ": \"" + text + "\"");
        }
        return new HashingException(SqlState.FEATURE_NOT_SUPPORTED,
                "distribution value \"" + text + "\" of type " + typeName
                        + " is not in an ISO 8601 form distgres reads");
    }

    private static HashingException fieldOverflow(String text) {
        return new HashingException(SqlState.DATETIME_FIELD_OVERFLOW,
                "date/time field value out of range: \"" + text + "\"");
    }
}
