package io.distgres.coordinator.session;

import io.distgres.coordinator.error.PgError;
import io.distgres.coordinator.error.PgException;
import io.distgres.sqlstate.SqlState;
import java.util.Locale;

/**
 * The client encodings the front door accepts. Backends always speak UTF-8; SQL_ASCII clients
 * get the bytes unconverted, exactly as PostgreSQL gives them to an SQL_ASCII client of a UTF-8
 * database.
 */
final class ClientEncodings {
    private ClientEncodings() {
    }

    /** The canonical name for {@code requested}, or an error naming what is supported. */
    static String normalize(String requested, boolean atStartup) {
        String key = requested.trim().replace("-", "").replace("_", "").toUpperCase(Locale.ROOT);
        if (key.startsWith("'") && key.endsWith("'") && key.length() >= 2) {
            key = key.substring(1, key.length() - 1);
        }
        return switch (key) {
            case "UTF8", "UNICODE", "DEFAULT" -> "UTF8";
            case "SQLASCII" -> "SQL_ASCII";
            default -> throw new PgException(new PgError(atStartup ? "FATAL" : "ERROR",
                    SqlState.FEATURE_NOT_SUPPORTED, "client_encoding \"" + requested
                    + "\" is not supported by distgres", null, "Use UTF8.", 0, null, null, null, null, null, null));
        };
    }
}
