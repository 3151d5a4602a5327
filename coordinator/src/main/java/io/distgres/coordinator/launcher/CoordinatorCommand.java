package io.distgres.coordinator.launcher;

import io.distgres.coordinator.CoordinatorServer;
import io.distgres.coordinator.config.ConfigKey;
import io.distgres.coordinator.config.CoordinatorConfig;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code distgres coordinator}: the coordinator alone, in front of an existing PostgreSQL and remote workers. */
@Command(name = "coordinator", mixinStandardHelpOptions = true,
        description = "Runs only the coordinator, using an existing PostgreSQL as its database and worker agents "
                + "that run elsewhere (distgres worker).")
final class CoordinatorCommand extends RoleCommand {
    private static final Pattern DATABASE_NAME = Pattern.compile("^jdbc:postgresql://[^/]*/([^?]+)");

    @Mixin
    ConfigOptions config = new ConfigOptions();

    @Mixin
    FrontDoorOptions frontDoor = new FrontDoorOptions();

    @Mixin
    DatabaseOptions database = new DatabaseOptions();

    @Option(names = "--worker", paramLabel = "NAME=HOST:PORT[,PGHOST:PGPORT]",
            description = "A worker agent and, optionally, the address of its PostgreSQL (default: agent host, 5432). "
                    + "Repeatable; replaces env DISTGRES_WORKERS / key workers (entries separated by ';').")
    List<String> workers = new ArrayList<>();

    CoordinatorCommand(Map<String, String> environment, PrintStream out, PrintStream err) {
        super(environment, out, err);
    }

    @Override
    protected String roleName() {
        return "the coordinator";
    }

    @Override
    protected ForegroundRole configure() {
        Map<ConfigKey, String> flags = config.flags();
        frontDoor.addTo(flags);
        database.addTo(flags);
        if (!workers.isEmpty()) {
            flags.put(ConfigKey.WORKERS, String.join(";", workers));
        }
        CoordinatorConfig coordinatorConfig = config.loader(environment, flags).coordinatorConfig();
        CoordinatorServer server = new CoordinatorServer(coordinatorConfig);
        return ForegroundRole.of(() -> {
            out.println("starting coordinator on " + coordinatorConfig.listenHost() + ":" + coordinatorConfig.port()
                    + " with " + coordinatorConfig.workers().size() + " workers, database "
                    + coordinatorConfig.databaseUrl());
            server.start();
        }, () -> connectionString(coordinatorConfig, server.port()), server);
    }

    /** libpq connection string clients use, naming the coordinator database's user and name. */
    private static String connectionString(CoordinatorConfig config, int port) {
        String host = config.listenHost().equals("0.0.0.0") || config.listenHost().equals("::")
                ? "127.0.0.1" : config.listenHost();
        Matcher m = DATABASE_NAME.matcher(config.databaseUrl());
        String databaseName = m.find() ? m.group(1) : "postgres";
        return "postgresql://" + config.databaseUser() + "@" + host + ":" + port + "/" + databaseName;
    }
}
