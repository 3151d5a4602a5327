package io.distgres.coordinator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.distgres.worker.WorkerAgentConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    private static final String URL = "jdbc:postgresql://10.0.0.5:5432/postgres";

    @Test
    void defaultsApplyWhenNothingIsGiven() {
        EmbeddedClusterConfig config = new ConfigLoader(Map.of(), "file", Map.of(), Map.of()).embeddedClusterConfig();

        assertThat(config.workerCount()).isEqualTo(2);
        assertThat(config.fsync()).isTrue();
        assertThat(config.dataDirectory()).isEqualTo(Path.of("distgres-data").toAbsolutePath().normalize());
        assertThat(config.coordinator().port()).isEqualTo(6432);
        assertThat(config.coordinator().adminPort()).isEqualTo(6433);
        assertThat(config.coordinator().metricsPort()).isEqualTo(9464);
        assertThat(config.coordinator().listenHost()).isEqualTo("127.0.0.1");
    }

    @Test
    void flagsBeatEnvironmentWhichBeatsFileWhichBeatsDefaults() {
        Map<String, String> file = Map.of("port", "1001", "admin.port", "1002", "metrics.port", "1003", "worker.count", "5");
        Map<String, String> env = Map.of("DISTGRES_PORT", "2001", "DISTGRES_ADMIN_PORT", "2002");
        Map<ConfigKey, String> flags = Map.of(ConfigKey.PORT, "3001");

        EmbeddedClusterConfig config = new ConfigLoader(file, "file", env, flags).embeddedClusterConfig();

        assertThat(config.coordinator().port()).as("flag over env and file").isEqualTo(3001);
        assertThat(config.coordinator().adminPort()).as("env over file").isEqualTo(2002);
        assertThat(config.coordinator().metricsPort()).as("file over default").isEqualTo(1003);
        assertThat(config.workerCount()).isEqualTo(5);
        assertThat(config.coordinator().poolSize()).as("default").isEqualTo(16);
    }

    @Test
    void configFileIsReadFromDiskAndNamedByEnvironmentWhenNoFlag(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("distgres.properties");
        Files.writeString(file, "# coordinator\ndatabase.url=" + URL + "\nworkers=w1=10.0.0.1:7001;w2=10.0.0.2:7001,10.0.0.12:5433\n");

        CoordinatorConfig config = ConfigLoader.load(null, Map.of("DISTGRES_CONFIG", file.toString()), Map.of())
                .coordinatorConfig();

        assertThat(config.databaseUrl()).isEqualTo(URL);
        assertThat(config.databaseUser()).isEqualTo("postgres");
        assertThat(config.workers()).containsExactly(
                new WorkerEndpoint("w1", "10.0.0.1", 7001, "10.0.0.1", 5432),
                new WorkerEndpoint("w2", "10.0.0.2", 7001, "10.0.0.12", 5433));
    }

    @Test
    void workerRoleReadsItsOwnPortAndPool() {
        Map<String, String> env = Map.of("DISTGRES_DATABASE_URL", URL, "DISTGRES_DATABASE_PASSWORD", "secret");
        WorkerAgentConfig config = new ConfigLoader(Map.of("pool.size", "4"), "file", env,
                Map.of(ConfigKey.PORT, "7005")).workerAgentConfig();

        assertThat(config).isEqualTo(new WorkerAgentConfig("127.0.0.1", 7005, URL, "postgres", "secret", 4));
        assertThat(new ConfigLoader(Map.of("database.url", URL), "f", Map.of(), Map.of()).workerAgentConfig().port())
                .isEqualTo(7001);
    }

    @Test
    void badPortNamesKeyValueAndSource() {
        ConfigLoader loader = new ConfigLoader(Map.of(), "file", Map.of("DISTGRES_PORT", "abc"), Map.of());

        assertThatThrownBy(loader::embeddedClusterConfig)
                .isInstanceOf(ConfigException.class)
                .hasMessage("port: 'abc' from environment variable DISTGRES_PORT is not a port (0-65535)");
    }

    @Test
    void outOfRangeAndNonPositiveValuesAreRejected() {
        assertThatThrownBy(() -> new ConfigLoader(Map.of(), "f", Map.of(), Map.of(ConfigKey.ADMIN_PORT, "70000"))
                .embeddedClusterConfig())
                .hasMessage("admin.port: '70000' from the command line is not a port (0-65535)");
        assertThatThrownBy(() -> new ConfigLoader(Map.of("worker.count", "0"), "config file x.properties", Map.of(), Map.of())
                .embeddedClusterConfig())
                .hasMessage("worker.count: '0' from config file x.properties is not a positive integer");
        assertThatThrownBy(() -> new ConfigLoader(Map.of(), "f", Map.of("DISTGRES_POSTGRES_FSYNC", "maybe"), Map.of())
                .embeddedClusterConfig())
                .hasMessageContaining("is not a boolean");
    }

    @Test
    void unknownFileKeyIsRejected() {
        assertThatThrownBy(() -> new ConfigLoader(Map.of("prot", "1"), "config file a.properties", Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("unknown key 'prot' in config file a.properties; see docs/configuration.md");
    }

    @Test
    void missingFileIsReported(@TempDir Path dir) {
        assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("nope.properties"), Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("does not exist");
    }

    @Test
    void coordinatorRoleNeedsAPostgresqlJdbcUrl() {
        assertThatThrownBy(() -> new ConfigLoader(Map.of(), "f", Map.of(), Map.of()).coordinatorConfig())
                .hasMessageStartingWith("database.url is required for the coordinator role");
        assertThatThrownBy(() -> new ConfigLoader(Map.of(), "f", Map.of(), Map.of(ConfigKey.DATABASE_URL, "jdbc:mysql://x/y"))
                .coordinatorConfig())
                .hasMessageContaining("is not a PostgreSQL JDBC URL");
    }

    @Test
    void malformedAndDuplicateWorkersAreRejected() {
        Map<ConfigKey, String> noPort = Map.of(ConfigKey.DATABASE_URL, URL, ConfigKey.WORKERS, "w1=10.0.0.1");
        assertThatThrownBy(() -> new ConfigLoader(Map.of(), "f", Map.of(), noPort).coordinatorConfig())
                .hasMessageContaining("expected host:port");
        Map<ConfigKey, String> duplicate = Map.of(ConfigKey.DATABASE_URL, URL, ConfigKey.WORKERS, "w1=a:1;w1=b:2");
        assertThatThrownBy(() -> new ConfigLoader(Map.of(), "f", Map.of(), duplicate).coordinatorConfig())
                .hasMessageContaining("names worker 'w1' twice");
        Map<ConfigKey, String> noName = Map.of(ConfigKey.DATABASE_URL, URL, ConfigKey.WORKERS, "a:1");
        assertThatThrownBy(() -> new ConfigLoader(Map.of(), "f", Map.of(), noName).coordinatorConfig())
                .hasMessageContaining("expected name=agentHost:agentPort[,pgHost:pgPort]");
    }

    @Test
    void everyKeyHasADistgresEnvironmentVariable() {
        assertThat(ConfigKey.ADMIN_PORT.environmentVariable()).isEqualTo("DISTGRES_ADMIN_PORT");
        assertThat(ConfigKey.DATA_DIR.environmentVariable()).isEqualTo("DISTGRES_DATA_DIR");
        assertThat(ConfigKey.DATABASE_URL.environmentVariable()).isEqualTo("DISTGRES_DATABASE_URL");
        assertThat(List.of(ConfigKey.values())).allSatisfy(k -> assertThat(k.environmentVariable()).matches("DISTGRES_[A-Z_]+"));
    }
}
