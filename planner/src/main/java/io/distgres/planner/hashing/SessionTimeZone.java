package io.distgres.planner.hashing;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a session's {@code TimeZone} setting, as {@code pg_settings} shows it, into the zone PostgreSQL
 * reads a {@code timestamptz} written without an offset in: an IANA name ({@code America/New_York},
 * {@code UTC}), or a POSIX-style fixed offset ({@code <+03>-03}, {@code UTC+3}), whose sign POSIX counts
 * west of Greenwich, the other way round from ISO 8601.
 */
public final class SessionTimeZone {
    private static final Pattern POSIX_FIXED = Pattern.compile(
            "(?:<[^>]*>|[A-Za-z]{3,})([+-]?)(\\d{1,2})(?::(\\d{2})(?::(\\d{2}))?)?");

    private SessionTimeZone() {
    }

    /** The zone {@code setting} names; empty for what distgres cannot interpret (POSIX rules with DST). */
    public static Optional<ZoneId> parse(String setting) {
        String value = setting.strip();
        ZoneId named = DateTimeInput.zoneNamed(value);
        if (named != null) {
            return Optional.of(named);
        }
        Matcher posix = POSIX_FIXED.matcher(value);
        if (!posix.matches()) {
            return Optional.empty();
        }
        int seconds = Integer.parseInt(posix.group(2)) * 3600
                + (posix.group(3) == null ? 0 : Integer.parseInt(posix.group(3)) * 60)
                + (posix.group(4) == null ? 0 : Integer.parseInt(posix.group(4)));
        if (seconds > 18 * 3600) {
            return Optional.empty();
        }
        return Optional.of(ZoneOffset.ofTotalSeconds(posix.group(1).equals("-") ? seconds : -seconds));
    }
}
