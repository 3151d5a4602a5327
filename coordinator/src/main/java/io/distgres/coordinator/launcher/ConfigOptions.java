package io.distgres.coordinator.launcher;

import io.distgres.coordinator.config.ConfigKey;
import io.distgres.coordinator.config.ConfigLoader;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Flags every role shares: the config file and the role's listen address. Subcommands add their
 * own flags to {@link #flags()} and hand the result to {@link ConfigLoader}.
 */
final class ConfigOptions {
    @Option(names = "--config", paramLabel = "FILE",
            description = "Java .properties file with configuration keys (env DISTGRES_CONFIG). "
                    + "Precedence: flags > environment > file > defaults. See docs/configuration.md.")
    Path configFile;

    @Option(names = "--listen-host", paramLabel = "HOST",
            description = "Address to listen on (default 127.0.0.1; env DISTGRES_LISTEN_HOST; key listen.host).")
    String listenHost;

    /** The flags given so far, keyed by config key; absent flags are absent. */
    Map<ConfigKey, String> flags() {
        Map<ConfigKey, String> flags = new EnumMap<>(ConfigKey.class);
        put(flags, ConfigKey.LISTEN_HOST, listenHost);
        return flags;
    }

    ConfigLoader loader(Map<String, String> environment, Map<ConfigKey, String> flags) {
        return ConfigLoader.load(configFile, environment, flags);
    }

    static void put(Map<ConfigKey, String> flags, ConfigKey key, String value) {
        if (value != null) {
            flags.put(key, value);
        }
    }
}
