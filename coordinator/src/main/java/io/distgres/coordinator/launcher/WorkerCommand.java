package io.distgres.coordinator.launcher;

import io.distgres.coordinator.config.ConfigKey;
import io.distgres.worker.WorkerAgent;
import io.distgres.worker.WorkerAgentConfig;
import java.io.PrintStream;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code distgres worker}: one worker agent in front of an existing PostgreSQL. */
@Command(name = "worker", mixinStandardHelpOptions = true,
        description = "Runs one worker agent (gRPC) in front of an existing PostgreSQL server, for a multi-host cluster.")
final class WorkerCommand extends RoleCommand {
    @Mixin
    ConfigOptions config = new ConfigOptions();

    @Mixin
    DatabaseOptions database = new DatabaseOptions();

    @Option(names = "--port", paramLabel = "PORT",
            description = "gRPC port of the agent (default 7001; env DISTGRES_PORT; key port).")
    String port;

    @Option(names = "--pool-size", paramLabel = "N",
            description = "Connections from the agent to its PostgreSQL (default 16; env DISTGRES_POOL_SIZE; key pool.size).")
    String poolSize;

    WorkerCommand(Map<String, String> environment, PrintStream out, PrintStream err) {
        super(environment, out, err);
    }

    @Override
    protected String roleName() {
        return "the worker agent";
    }

    @Override
    protected ForegroundRole configure() {
        Map<ConfigKey, String> flags = config.flags();
        database.addTo(flags);
        ConfigOptions.put(flags, ConfigKey.PORT, port);
        ConfigOptions.put(flags, ConfigKey.POOL_SIZE, poolSize);
        WorkerAgentConfig agentConfig = config.loader(environment, flags).workerAgentConfig();
        WorkerAgent agent = new WorkerAgent(agentConfig);
        return ForegroundRole.of(() -> {
            out.println("starting worker agent on " + agentConfig.listenHost() + ":" + agentConfig.port()
                    + " in front of " + agentConfig.jdbcUrl());
            agent.start();
        }, () -> "worker agent on " + agentConfig.listenHost() + ":" + agent.port(), agent);
    }
}
