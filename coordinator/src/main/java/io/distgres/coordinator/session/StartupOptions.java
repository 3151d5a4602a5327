package io.distgres.coordinator.session;

import io.distgres.coordinator.error.PgError;
import io.distgres.coordinator.error.PgException;
import io.distgres.sqlstate.SqlState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the startup packet's {@code options} parameter ("-c name=value --name=value", words
 * separated by spaces, backslash escapes a space) into settings, as PostgreSQL's backend does.
 */
final class StartupOptions {
    private StartupOptions() {
    }

    static Map<String, String> parse(String options) {
        List<String> words = split(options);
        Map<String, String> settings = new LinkedHashMap<>();
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            String assignment;
            if (word.equals("-c") && i + 1 < words.size()) {
                assignment = words.get(++i);
            } else if (word.startsWith("-c") && word.length() > 2) {
                assignment = word.substring(2);
            } else if (word.startsWith("--")) {
                assignment = word.substring(2);
            } else {
                throw new PgException(PgError.fatal(SqlState.FEATURE_NOT_SUPPORTED,
                        "unsupported startup option \"" + word + "\"; only -c name=value is supported"));
            }
            int eq = assignment.indexOf('=');
            if (eq <= 0) {
                throw new PgException(PgError.fatal(SqlState.INVALID_PARAMETER_VALUE,
                        "--" + assignment + " requires a value"));
            }
            settings.put(assignment.substring(0, eq).replace('-', '_'), assignment.substring(eq + 1));
        }
        return settings;
    }

    private static List<String> split(String options) {
        List<String> words = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean escaped = false;
        for (char c : options.toCharArray()) {
            if (escaped) {
                current.append(c);
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (Character.isWhitespace(c)) {
                if (current.length() > 0) {
                    words.add(current.toString());
                    current.setLength(0);
                }
            } else {
                current.append(c);
            }
        }
        if (current.length() > 0) {
            words.add(current.toString());
        }
        return words;
    }
}
