package io.distgres.coordinator.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The {@code distgres} command line: parses arguments and hands over to the role subcommands. */
@Command(name = "distgres", mixinStandardHelpOptions = true, versionProvider = DistgresCommand.Version.class,
        description = "A Citus-style distributed PostgreSQL. Clients connect with any PostgreSQL driver.",
        footer = {"", "Configuration: flags > DISTGRES_* environment variables > --config file > defaults "
                + "(see docs/configuration.md)."})
public final class DistgresCommand implements Runnable {
    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args, System.getenv(), System.out, System.err));
    }

    /** Runs the command line and returns the exit code (0 ok, 1 failed, 2 usage or configuration error). */
    public static int execute(String[] args, Map<String, String> environment, PrintStream out, PrintStream err) {
        CommandLine commandLine = new CommandLine(new DistgresCommand())
                .addSubcommand("start", new StartCommand(environment, out, err))
                .addSubcommand("coordinator", new CoordinatorCommand(environment, out, err))
                .addSubcommand("worker", new WorkerCommand(environment, out, err))
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "choose a subcommand: start, coordinator or worker");
    }

    /** The version Maven recorded in the jar (absent when running from classes in an IDE). */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties properties = new Properties();
            try (InputStream in = DistgresCommand.class.getResourceAsStream(
                    "/META-INF/maven/io.distgres/distgres-coordinator/pom.properties")) {
                if (in != null) {
                    properties.load(in);
                }
            }
            return new String[] {"distgres " + properties.getProperty("version", "(development build)"),
                "PostgreSQL wire protocol v3; embedded PostgreSQL 17; Java " + Runtime.version()};
        }
    }
}
