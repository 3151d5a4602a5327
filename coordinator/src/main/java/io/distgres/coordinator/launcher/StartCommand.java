package io.distgres.coordinator.launcher;

import io.distgres.coordinator.config.ConfigKey;
import io.distgres.coordinator.config.EmbeddedClusterConfig;
import java.io.PrintStream;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code distgres start}: the whole cluster on this machine, on embedded PostgreSQL 17 servers. */
@Command(name = "start", mixinStandardHelpOptions = true,
        description = {
            "Starts a complete cluster on this machine: an embedded PostgreSQL 17 for the coordinator and one per worker "
                + "(no installed PostgreSQL needed), a worker agent per worker, and the coordinator.",
            "Data lives in the data directory and survives restarts. Stop with Ctrl-C or SIGTERM."})
final class StartCommand extends RoleCommand {
    @Mixin
    ConfigOptions config = new ConfigOptions();

    @Mixin
    FrontDoorOptions frontDoor = new FrontDoorOptions();

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where the PostgreSQL servers keep their data (default ./distgres-data; env DISTGRES_DATA_DIR; key data.dir).")
    String dataDir;

    @Option(names = "--workers", paramLabel = "N",
            description = "Number of worker PostgreSQL servers (default 2; env DISTGRES_WORKER_COUNT; key worker.count).")
    String workers;

    @Option(names = "--worker-pool-size", paramLabel = "N",
            description = "Connections from each worker agent to its PostgreSQL (default 16; env DISTGRES_WORKER_POOL_SIZE; key worker.pool.size).")
    String workerPoolSize;

    StartCommand(Map<String, String> environment, PrintStream out, PrintStream err) {
        super(environment, out, err);
    }

    @Override
    protected String roleName() {
        return "the cluster";
    }

    @Override
    protected ForegroundRole configure() {
        Map<ConfigKey, String> flags = config.flags();
        frontDoor.addTo(flags);
        ConfigOptions.put(flags, ConfigKey.DATA_DIR, dataDir);
        ConfigOptions.put(flags, ConfigKey.WORKER_COUNT, workers);
        ConfigOptions.put(flags, ConfigKey.WORKER_POOL_SIZE, workerPoolSize);
        EmbeddedClusterConfig clusterConfig = config.loader(environment, flags).embeddedClusterConfig();
        EmbeddedCluster cluster = new EmbeddedCluster(clusterConfig, out::println);
        return ForegroundRole.of(() -> {
            out.println("starting distgres with " + clusterConfig.workerCount() + " workers in "
                    + clusterConfig.dataDirectory());
            cluster.start();
        }, cluster::connectionString, cluster);
    }
}
