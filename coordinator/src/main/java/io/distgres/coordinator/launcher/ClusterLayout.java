package io.distgres.coordinator.launcher;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * Where every process of an embedded cluster runs, as recorded in {@code cluster.properties} in the
 * data directory: tools read it to find the servers, and the next start reuses the ports.
 *
 * @param coordinatorPostgres the coordinator's own PostgreSQL
 * @param workers             worker PostgreSQL servers and their agents, in order
 * @param listenHost          address of the coordinator's front door
 * @param port                coordinator front door port (0 while it is not running)
 * @param adminPort           admin gRPC port (0 while not running)
 * @param metricsPort         metrics HTTP port (0 while not running)
 */
public record ClusterLayout(
        PostgresLayout coordinatorPostgres, List<WorkerLayout> workers,
        String listenHost, int port, int adminPort, int metricsPort) {

    public static final String FILE_NAME = "cluster.properties";

    /** One embedded PostgreSQL server: its data directory and address. */
    public record PostgresLayout(String name, Path dataDirectory, String host, int port) {
        public PostgresLayout {
            requireNonNull(name, "name is null");
            requireNonNull(dataDirectory, "dataDirectory is null");
            requireNonNull(host, "host is null");
        }
    }

    /** A worker: its PostgreSQL server and the agent in front of it (agent port 0 while not running). */
    public record WorkerLayout(PostgresLayout postgres, String agentHost, int agentPort) {
        public WorkerLayout {
            requireNonNull(postgres, "postgres is null");
            requireNonNull(agentHost, "agentHost is null");
        }
    }

    public ClusterLayout {
        requireNonNull(coordinatorPostgres, "coordinatorPostgres is null");
        workers = List.copyOf(requireNonNull(workers, "workers is null"));
        requireNonNull(listenHost, "listenHost is null");
    }

    /** The port a previous run used for the named server (0 when unknown). */
    public int postgresPort(String name) {
        if (coordinatorPostgres.name().equals(name)) {
            return coordinatorPostgres.port();
        }
        return workers.stream().filter(w -> w.postgres().name().equals(name))
                .mapToInt(w -> w.postgres().port()).findFirst().orElse(0);
    }

    /** The agent port a previous run used for the named worker (0 when unknown). */
    public int agentPort(String name) {
        return workers.stream().filter(w -> w.postgres().name().equals(name))
                .mapToInt(WorkerLayout::agentPort).findFirst().orElse(0);
    }

    public ClusterLayout withWorkers(List<WorkerLayout> newWorkers) {
        return new ClusterLayout(coordinatorPostgres, newWorkers, listenHost, port, adminPort, metricsPort);
    }

    public ClusterLayout withCoordinator(String newListenHost, int newPort, int newAdminPort, int newMetricsPort) {
        return new ClusterLayout(coordinatorPostgres, workers, newListenHost, newPort, newAdminPort, newMetricsPort);
    }

    /** The layout recorded in {@code dataDirectory}, if a cluster ever started there. */
    public static Optional<ClusterLayout> read(Path dataDirectory) throws IOException {
        Path file = dataDirectory.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(reader);
        }
        try {
            List<WorkerLayout> workers = new ArrayList<>();
            String names = p.getProperty("workers", "").trim();
            for (String name : names.isEmpty() ? new String[0] : names.split(",")) {
                String prefix = "worker." + name + ".";
                workers.add(new WorkerLayout(readPostgres(p, prefix + "postgres.", name),
                        p.getProperty(prefix + "agent.host", "127.0.0.1"), intValue(p, prefix + "agent.port")));
            }
            return Optional.of(new ClusterLayout(
                    readPostgres(p, "coordinator.postgres.", "coordinator"), workers,
                    p.getProperty("coordinator.listen-host", "127.0.0.1"), intValue(p, "coordinator.port"),
                    intValue(p, "coordinator.admin-port"), intValue(p, "coordinator.metrics-port")));
        } catch (RuntimeException e) {
            throw new IOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Records this layout in {@code dataDirectory}, replacing the file atomically so readers never see half of it. */
    public void write(Path dataDirectory) throws IOException {
        Properties p = new Properties();
        writePostgres(p, "coordinator.postgres.", coordinatorPostgres);
        p.setProperty("coordinator.listen-host", listenHost);
        p.setProperty("coordinator.port", Integer.toString(port));
        p.setProperty("coordinator.admin-port", Integer.toString(adminPort));
        p.setProperty("coordinator.metrics-port", Integer.toString(metricsPort));
        p.setProperty("workers", String.join(",", workers.stream().map(w -> w.postgres().name()).toList()));
        for (WorkerLayout worker : workers) {
            String prefix = "worker." + worker.postgres().name() + ".";
            writePostgres(p, prefix + "postgres.", worker.postgres());
            p.setProperty(prefix + "agent.host", worker.agentHost());
            p.setProperty(prefix + "agent.port", Integer.toString(worker.agentPort()));
        }
        Files.createDirectories(dataDirectory);
        StringWriter text = new StringWriter();
        p.store(text, "distgres cluster layout, written by `distgres start`; ports are 0 while a process is not running");
        // Properties writes in hash order; sorted lines let people read and diff the file
        List<String> lines = new ArrayList<>(text.toString().lines().toList());
        List<String> comments = lines.stream().filter(l -> l.startsWith("#")).toList();
        List<String> entries = lines.stream().filter(l -> !l.startsWith("#")).sorted().toList();
        Path temporary = dataDirectory.resolve(FILE_NAME + ".tmp");
        List<String> sorted = new ArrayList<>(comments);
        sorted.addAll(entries);
        Files.write(temporary, sorted, StandardCharsets.UTF_8);
        Files.move(temporary, dataDirectory.resolve(FILE_NAME),
                StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static PostgresLayout readPostgres(Properties p, String prefix, String name) {
        return new PostgresLayout(name, Path.of(required(p, prefix + "data-dir")),
                p.getProperty(prefix + "host", "127.0.0.1"), intValue(p, prefix + "port"));
    }

    private static void writePostgres(Properties p, String prefix, PostgresLayout postgres) {
        p.setProperty(prefix + "data-dir", postgres.dataDirectory().toString());
        p.setProperty(prefix + "host", postgres.host());
        p.setProperty(prefix + "port", Integer.toString(postgres.port()));
    }

    private static int intValue(Properties p, String key) {
        return Integer.parseInt(p.getProperty(key, "0").trim());
    }

    private static String required(Properties p, String key) {
        String value = p.getProperty(key);
        if (value == null) {
            throw new IllegalArgumentException("missing " + key);
        }
        return value;
    }
}
