package io.distgres.coordinator.config;

import static java.util.Objects.requireNonNull;

import io.distgres.worker.WorkerAgentConfig;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Merges a config file, environment variables and command-line flags into the immutable config
 * record of one role. Precedence: flags &gt; environment &gt; file &gt; defaults.
 *
 * <p>Each value remembers where it came from, so a bad value is reported as, e.g.,
 * {@code port: 'abc' from environment variable DISTGRES_PORT is not a port (0-65535)}.
 */
public final class ConfigLoader {
    /** Environment variable naming the config file when {@code --config} is absent. */
    public static final String CONFIG_FILE_VARIABLE = "DISTGRES_CONFIG";
    public static final int DEFAULT_WORKER_PORT = 7001;
    public static final int DEFAULT_POOL_SIZE = 16;
    public static final int DEFAULT_WORKER_COUNT = 2;
    public static final String DEFAULT_DATA_DIR = "distgres-data";
    public static final String DEFAULT_LISTEN_HOST = "127.0.0.1";
    public static final String DEFAULT_DATABASE_USER = "postgres";
    private static final int DEFAULT_POSTGRES_PORT = 5432;

    private final Map<ConfigKey, String> fileValues;
    private final String fileName;
    private final Map<String, String> environment;
    private final Map<ConfigKey, String> flags;

    /**
     * @param fileValues  raw key/value pairs of the config file (empty when there is none); unknown keys are rejected
     * @param fileName    how to name the file in messages
     * @param environment the process environment; only {@code DISTGRES_*} variables of known keys are read
     * @param flags       values given on the command line (absent flags are simply not in the map)
     */
    public ConfigLoader(Map<String, String> fileValues, String fileName, Map<String, String> environment,
            Map<ConfigKey, String> flags) {
        requireNonNull(fileValues, "fileValues is null");
        this.fileName = requireNonNull(fileName, "fileName is null");
        this.environment = Map.copyOf(requireNonNull(environment, "environment is null"));
        this.flags = Map.copyOf(requireNonNull(flags, "flags is null"));
        this.fileValues = parseFileKeys(fileValues, fileName);
    }

    /**
     * Reads the config file ({@code configFile}, else {@code $DISTGRES_CONFIG}, else none) and
     * prepares the merge.
     */
    public static ConfigLoader load(Path configFile, Map<String, String> environment, Map<ConfigKey, String> flags) {
        Path file = configFile;
        if (file == null && environment.containsKey(CONFIG_FILE_VARIABLE)) {
            file = Path.of(environment.get(CONFIG_FILE_VARIABLE));
        }
        if (file == null) {
            return new ConfigLoader(Map.of(), "(no config file)", environment, flags);
        }
        return new ConfigLoader(readProperties(file), "config file " + file, environment, flags);
    }

    /** The coordinator role pointed at an existing PostgreSQL ({@code distgres coordinator}). */
    public CoordinatorConfig coordinatorConfig() {
        String url = requireDatabaseUrl("coordinator");
        return coordinator(url, workers());
    }

    /** One worker agent in front of an existing PostgreSQL ({@code distgres worker}). */
    public WorkerAgentConfig workerAgentConfig() {
        String url = requireDatabaseUrl("worker");
        return new WorkerAgentConfig(
                string(ConfigKey.LISTEN_HOST, DEFAULT_LISTEN_HOST),
                port(ConfigKey.PORT, DEFAULT_WORKER_PORT),
                url,
                string(ConfigKey.DATABASE_USER, DEFAULT_DATABASE_USER),
                string(ConfigKey.DATABASE_PASSWORD, ""),
                positiveInt(ConfigKey.POOL_SIZE, DEFAULT_POOL_SIZE));
    }

    /** The whole cluster on embedded PostgreSQL servers ({@code distgres start}). */
    public EmbeddedClusterConfig embeddedClusterConfig() {
        Path dataDirectory = Path.of(string(ConfigKey.DATA_DIR, DEFAULT_DATA_DIR)).toAbsolutePath().normalize();
        return new EmbeddedClusterConfig(
                dataDirectory,
                positiveInt(ConfigKey.WORKER_COUNT, DEFAULT_WORKER_COUNT),
                positiveInt(ConfigKey.WORKER_POOL_SIZE, DEFAULT_POOL_SIZE),
                bool(ConfigKey.POSTGRES_FSYNC, true),
                // the embedded servers supply the database and the workers once they run
                coordinator("", List.of()));
    }

    private CoordinatorConfig coordinator(String databaseUrl, List<WorkerEndpoint> workers) {
        return new CoordinatorConfig(
                string(ConfigKey.LISTEN_HOST, DEFAULT_LISTEN_HOST),
                port(ConfigKey.PORT, CoordinatorConfig.DEFAULT_PORT),
                port(ConfigKey.ADMIN_PORT, CoordinatorConfig.DEFAULT_ADMIN_PORT),
                port(ConfigKey.METRICS_PORT, CoordinatorConfig.DEFAULT_METRICS_PORT),
                databaseUrl,
                string(ConfigKey.DATABASE_USER, DEFAULT_DATABASE_USER),
                string(ConfigKey.DATABASE_PASSWORD, ""),
                positiveInt(ConfigKey.POOL_SIZE, DEFAULT_POOL_SIZE),
                positiveInt(ConfigKey.MAX_MESSAGE_BYTES, CoordinatorConfig.DEFAULT_MAX_MESSAGE_BYTES),
                positiveInt(ConfigKey.MAX_CLIENT_CONNECTIONS, 10_000),
                positiveLong(ConfigKey.POOL_TIMEOUT_MS, 30_000),
                workers);
    }

    private String requireDatabaseUrl(String role) {
        Setting setting = find(ConfigKey.DATABASE_URL).orElseThrow(() -> new ConfigException(
                "database.url is required for the " + role + " role: pass --database-url, set "
                        + ConfigKey.DATABASE_URL.environmentVariable() + " or put database.url in the config file"));
        if (!setting.value().startsWith("jdbc:postgresql:")) {
            throw setting.invalid("is not a PostgreSQL JDBC URL (jdbc:postgresql://host:port/database)");
        }
        return setting.value();
    }

    /** Parses {@code name=agentHost:agentPort[,pgHost:pgPort]} entries separated by ';' or whitespace. */
    private List<WorkerEndpoint> workers() {
        Optional<Setting> setting = find(ConfigKey.WORKERS);
        if (setting.isEmpty()) {
            return List.of();
        }
        List<WorkerEndpoint> workers = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (String entry : setting.get().value().trim().split("[;\\s]+")) {
            if (entry.isEmpty()) {
                continue;
            }
            WorkerEndpoint worker = parseWorker(entry, setting.get());
            if (!names.add(worker.name())) {
                throw setting.get().invalid("names worker '" + worker.name() + "' twice");
            }
            workers.add(worker);
        }
        return workers;
    }

    private static WorkerEndpoint parseWorker(String entry, Setting setting) {
        int equals = entry.indexOf('=');
        String[] addresses = equals < 0 ? new String[0] : entry.substring(equals + 1).split(",", -1);
        if (equals <= 0 || addresses.length < 1 || addresses.length > 2) {
            throw setting.invalid("has worker entry '" + entry + "'; expected name=agentHost:agentPort[,pgHost:pgPort]");
        }
        String name = entry.substring(0, equals);
        HostPort agent = HostPort.parse(addresses[0], setting, entry);
        // without an explicit PostgreSQL address, assume the agent's host and PostgreSQL's default port
        HostPort postgres = addresses.length == 2
                ? HostPort.parse(addresses[1], setting, entry)
                : new HostPort(agent.host(), DEFAULT_POSTGRES_PORT);
        return new WorkerEndpoint(name, agent.host(), agent.port(), postgres.host(), postgres.port());
    }

    private record HostPort(String host, int port) {
        static HostPort parse(String text, Setting setting, String entry) {
            int colon = text.lastIndexOf(':');
            if (colon <= 0) {
                throw setting.invalid("has worker entry '" + entry + "' with address '" + text + "'; expected host:port");
            }
            Integer port = parsePort(text.substring(colon + 1));
            if (port == null || port == 0) {
                throw setting.invalid("has worker entry '" + entry + "' with bad port in '" + text + "'");
            }
            return new HostPort(text.substring(0, colon), port);
        }
    }

    private String string(ConfigKey key, String defaultValue) {
        return find(key).map(Setting::value).orElse(defaultValue);
    }

    private int port(ConfigKey key, int defaultValue) {
        return typed(key, defaultValue, ConfigLoader::parsePort, "is not a port (0-65535)");
    }

    private int positiveInt(ConfigKey key, int defaultValue) {
        return typed(key, defaultValue, text -> {
            Long value = parseLong(text);
            return value != null && value > 0 && value <= Integer.MAX_VALUE ? value.intValue() : null;
        }, "is not a positive integer");
    }

    private long positiveLong(ConfigKey key, long defaultValue) {
        return typed(key, defaultValue, text -> {
            Long value = parseLong(text);
            return value != null && value > 0 ? value : null;
        }, "is not a positive integer");
    }

    private boolean bool(ConfigKey key, boolean defaultValue) {
        return typed(key, defaultValue, text -> switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "on", "yes", "1" -> Boolean.TRUE;
            case "false", "off", "no", "0" -> Boolean.FALSE;
            default -> null;
        }, "is not a boolean (true/false, on/off)");
    }

    /** Parses the winning value of {@code key}; {@code parser} returns null for a malformed value. */
    private <T> T typed(ConfigKey key, T defaultValue, Function<String, T> parser, String problem) {
        Optional<Setting> setting = find(key);
        if (setting.isEmpty()) {
            return defaultValue;
        }
        T value = parser.apply(setting.get().value().trim());
        if (value == null) {
            throw setting.get().invalid(problem);
        }
        return value;
    }

    private static Integer parsePort(String text) {
        Long value = parseLong(text);
        return value != null && value >= 0 && value <= 65_535 ? value.intValue() : null;
    }

    private static Long parseLong(String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The value of {@code key} from the strongest source that has one. */
    Optional<Setting> find(ConfigKey key) {
        if (flags.containsKey(key)) {
            return Optional.of(new Setting(key, flags.get(key), "the command line"));
        }
        String variable = key.environmentVariable();
        if (environment.containsKey(variable)) {
            return Optional.of(new Setting(key, environment.get(variable), "environment variable " + variable));
        }
        if (fileValues.containsKey(key)) {
            return Optional.of(new Setting(key, fileValues.get(key), fileName));
        }
        return Optional.empty();
    }

    /** One value and where it came from. */
    record Setting(ConfigKey key, String value, String source) {
        ConfigException invalid(String problem) {
            return new ConfigException(key + ": '" + value + "' from " + source + " " + problem);
        }
    }

    private static Map<ConfigKey, String> parseFileKeys(Map<String, String> raw, String fileName) {
        Map<ConfigKey, String> parsed = new EnumMap<>(ConfigKey.class);
        for (Map.Entry<String, String> entry : new TreeMap<>(raw).entrySet()) {
            ConfigKey key = ConfigKey.fromKey(entry.getKey()).orElseThrow(() -> new ConfigException(
                    "unknown key '" + entry.getKey() + "' in " + fileName + "; see docs/configuration.md"));
            parsed.put(key, entry.getValue());
        }
        return parsed;
    }

    private static Map<String, String> readProperties(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            throw new ConfigException("config file " + file + " does not exist");
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e.getMessage());
        }
        Map<String, String> values = new TreeMap<>();
        properties.stringPropertyNames().forEach(name -> values.put(name, properties.getProperty(name)));
        return values;
    }
}
