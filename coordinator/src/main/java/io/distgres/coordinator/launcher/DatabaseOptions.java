package io.distgres.coordinator.launcher;

import io.distgres.coordinator.config.ConfigKey;
import java.util.Map;
import picocli.CommandLine.Option;

/** Flags naming an existing PostgreSQL server, for the {@code coordinator} and {@code worker} roles. */
final class DatabaseOptions {
    @Option(names = "--database-url", paramLabel = "JDBC_URL",
            description = "JDBC URL of the PostgreSQL server this role uses, e.g. jdbc:postgresql://10.0.0.5:5432/postgres "
                    + "(required; env DISTGRES_DATABASE_URL; key database.url).")
    String url;

    @Option(names = "--database-user", paramLabel = "USER",
            description = "PostgreSQL user (default postgres; env DISTGRES_DATABASE_USER; key database.user).")
    String user;

    @Option(names = "--database-password", paramLabel = "PASSWORD",
            description = "PostgreSQL password (default empty; prefer env DISTGRES_DATABASE_PASSWORD or the file: "
                    + "flags show up in ps).")
    String password;

    void addTo(Map<ConfigKey, String> flags) {
        ConfigOptions.put(flags, ConfigKey.DATABASE_URL, url);
        ConfigOptions.put(flags, ConfigKey.DATABASE_USER, user);
        ConfigOptions.put(flags, ConfigKey.DATABASE_PASSWORD, password);
    }
}
