package io.distgres.coordinator.execution;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which of a session's settings travel with its worker tasks: those that change what a
 * statement computes or how values print, so a shard answers as the coordinator's PostgreSQL
 * would for this session (timestamptz in the session's TimeZone, DateStyle, float digits ...).
 * Timeouts, transaction modes and identity are not here: they are handled elsewhere or must not
 * reach the workers.
 */
final class ForwardedSettings {
    private static final Set<String> FORWARDED = Set.of("timezone", "datestyle", "intervalstyle",
            "extra_float_digits", "bytea_output", "lc_monetary", "lc_numeric", "lc_time",
            "standard_conforming_strings", "xmloption", "xmlbinary", "default_text_search_config");

    private ForwardedSettings() {
    }

    static Map<String, String> of(Map<String, String> sessionSettings) {
        if (sessionSettings.isEmpty()) {
            return Map.of();
        }
        Map<String, String> forwarded = new TreeMap<>();
        sessionSettings.forEach((name, value) -> {
            if (FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                forwarded.put(name, value);
            }
        });
        return forwarded;
    }
}
