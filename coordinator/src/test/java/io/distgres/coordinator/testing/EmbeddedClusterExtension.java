package io.distgres.coordinator.testing;

import io.distgres.coordinator.config.ConfigKey;
import io.distgres.coordinator.config.ConfigLoader;
import io.distgres.coordinator.config.EmbeddedClusterConfig;
import io.distgres.coordinator.launcher.EmbeddedCluster;
import io.distgres.coordinator.launcher.EmbeddedPostgresServer;
import io.distgres.coordinator.launcher.EmbeddedPostgresServers;
import io.distgres.coordinator.launcher.LoopbackPorts;
import io.distgres.coordinator.launcher.InitdbTemplate;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * An embedded cluster per test class (the same {@link EmbeddedCluster} {@code distgres start} runs):
 * its own worker agents and coordinator on free ports, on PostgreSQL servers that the classes of
 * one test JVM take turns on ({@link SharedPostgresServers}): each class finds a new, empty
 * database {@code postgres} on every server and the roles of new servers; a class that leaves
 * anything else behind (or kills a server) gets the servers retired, and the next class new ones.
 *
 * <pre>{@code
 * @RegisterExtension
 * static EmbeddedClusterExtension cluster = EmbeddedClusterExtension.cluster();
 *
 * try (Connection c = DriverManager.getConnection(cluster.jdbcUrl())) { ... }      // through the coordinator
 * try (Connection c = DriverManager.getConnection(cluster.workerPostgresJdbcUrls().get(0))) { ... } // worker-1 directly
 * }</pre>
 *
 * <p>Test methods may also take {@link EmbeddedCluster} or {@link EmbeddedPostgresServers} parameters.
 * {@link #postgresOnly()} starts just the PostgreSQL servers, for tests below the coordinator.
 * fsync is off: tests do not survive power loss, and it makes them faster. New worker servers are
 * copied from an {@link InitdbTemplate} (under {@code target/}, see the failsafe configuration).
 */
public final class EmbeddedClusterExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {
    /** System property naming the directory for initdb templates. */
    static final String TEMPLATE_PROPERTY = "distgres.test.initdbTemplates";
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(EmbeddedClusterExtension.class);
    private final boolean withCoordinator;
    private final int workerCount;
    private final Map<ConfigKey, String> overrides;
    private SharedPostgresServers shared;
    private SharedPostgresServers.Servers servers;
    private EmbeddedCluster cluster;
    private EmbeddedPostgresServers postgres;

    private EmbeddedClusterExtension(boolean withCoordinator, int workerCount, Map<ConfigKey, String> overrides) {
        this.withCoordinator = withCoordinator;
        this.workerCount = workerCount;
        this.overrides = Map.copyOf(overrides);
    }

    /** Coordinator PostgreSQL, two worker PostgreSQL servers with agents, and the coordinator. */
    public static EmbeddedClusterExtension cluster() {
        return new EmbeddedClusterExtension(true, 2, Map.of());
    }

    /** Only the coordinator's and two workers' PostgreSQL servers: no agents, no coordinator. */
    public static EmbeddedClusterExtension postgresOnly() {
        return new EmbeddedClusterExtension(false, 2, Map.of());
    }

    /** The same extension with {@code count} workers. */
    public EmbeddedClusterExtension withWorkers(int count) {
        return new EmbeddedClusterExtension(withCoordinator, count, overrides);
    }

    /** The same extension with one configuration setting overridden, e.g. a small {@code max.message.bytes}. */
    public EmbeddedClusterExtension withSetting(ConfigKey key, String value) {
        Map<ConfigKey, String> settings = new EnumMap<>(ConfigKey.class);
        settings.putAll(overrides);
        settings.put(key, value);
        return new EmbeddedClusterExtension(withCoordinator, workerCount, settings);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        String prefix = "[" + context.getRequiredTestClass().getSimpleName() + "] ";
        Consumer<String> progress = line -> System.out.println(prefix + line);
        shared = context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("servers-" + workerCount,
                key -> new SharedPostgresServers(workerCount, Optional.of(template()),
                        line -> System.out.println("[shared PostgreSQL] " + line)),
                SharedPostgresServers.class);
        servers = shared.take();
        postgres = servers.postgres();
        if (withCoordinator) {
            // the same loader `distgres start` uses, so tests run the configuration users get
            String host = EmbeddedPostgresServer.HOST;
            Map<ConfigKey, String> settings = new EnumMap<>(Map.of(
                    ConfigKey.DATA_DIR, servers.dataDirectory().toString(),
                    ConfigKey.WORKER_COUNT, Integer.toString(workerCount),
                    ConfigKey.WORKER_POOL_SIZE, "8",
                    ConfigKey.POSTGRES_FSYNC, "false",
                    ConfigKey.PORT, Integer.toString(LoopbackPorts.pickFree(host)),
                    ConfigKey.ADMIN_PORT, Integer.toString(LoopbackPorts.pickFree(host)),
                    ConfigKey.METRICS_PORT, Integer.toString(LoopbackPorts.pickFree(host))));
            settings.putAll(overrides);
            EmbeddedClusterConfig config = new ConfigLoader(Map.of(), "(none)", Map.of(), settings).embeddedClusterConfig();
            cluster = EmbeddedCluster.onRunningServers(config, postgres, progress);
            try {
                cluster.start();
            } catch (Exception e) {
                shared.giveBack(servers, context.getRequiredTestClass().getSimpleName());
                servers = null;
                throw e;
            }
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (servers == null) {
            return;
        }
        try {
            if (cluster != null) {
                cluster.close();
            }
        } finally {
            shared.giveBack(servers, context.getRequiredTestClass().getSimpleName());
            servers = null;
        }
    }

    /** Where initdb templates live: the build's {@code target/} (set by failsafe), else the temporary directory. */
    static InitdbTemplate template() {
        String directory = System.getProperty(TEMPLATE_PROPERTY);
        return directory == null ? InitdbTemplate.inTemporaryDirectory() : new InitdbTemplate(Path.of(directory));
    }

    /** pgjdbc URL of the coordinator's front door: {@code jdbc:postgresql://127.0.0.1:<port>/postgres?user=postgres}. */
    public String jdbcUrl() {
        return requireCluster().jdbcUrl();
    }

    /** The coordinator's front-door port. */
    public int port() {
        return requireCluster().port();
    }

    /** libpq connection string of the coordinator, for psql or pgbench. */
    public String connectionString() {
        return requireCluster().connectionString();
    }

    /** Direct JDBC URL (with {@code ?user=postgres}) of the coordinator's own PostgreSQL, bypassing distgres. */
    public String coordinatorPostgresJdbcUrl() {
        return requireStarted().coordinator().jdbcUrlWithUser();
    }

    /** Direct JDBC URLs (with {@code ?user=postgres}) of the worker PostgreSQL servers, in worker order. */
    public List<String> workerPostgresJdbcUrls() {
        return requireStarted().workers().stream().map(EmbeddedPostgresServer::jdbcUrlWithUser).toList();
    }

    /** The JDBC URL of the worker PostgreSQL listening on {@code postgresPort} (as citus_shards reports it). */
    public String workerPostgresJdbcUrl(int postgresPort) {
        return workerPostgresJdbcUrls().stream().filter(u -> u.contains(":" + postgresPort + "/")).findFirst()
                .orElseThrow(() -> new AssertionError("no worker PostgreSQL on port " + postgresPort));
    }

    public EmbeddedPostgresServers postgres() {
        return requireStarted();
    }

    public EmbeddedCluster embeddedCluster() {
        return requireCluster();
    }

    /** The servers' data directory (shared with the other classes of this JVM). */
    public Path dataDirectory() {
        return requireStarted().dataDirectory();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == EmbeddedPostgresServers.class || (withCoordinator && type == EmbeddedCluster.class);
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == EmbeddedCluster.class ? requireCluster() : requireStarted();
    }

    private EmbeddedPostgresServers requireStarted() {
        if (postgres == null) {
            throw new IllegalStateException("the cluster is not started: register the extension as a static field");
        }
        return postgres;
    }

    private EmbeddedCluster requireCluster() {
        if (!withCoordinator) {
            throw new IllegalStateException("started with postgresOnly(): there is no coordinator");
        }
        if (cluster == null) {
            throw new IllegalStateException("the cluster is not started: register the extension as a static field");
        }
        return cluster;
    }
}
