package io.distgres.coordinator.launcher;

import static java.util.Objects.requireNonNull;

import io.distgres.coordinator.config.ConfigException;
import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * What the three role subcommands share: the environment they read configuration from, where they
 * print, and how a configuration error ends the command (one line, exit code 2 like a usage error).
 */
abstract class RoleCommand implements Callable<Integer> {
    static final int EXIT_CONFIG = 2;

    protected final Map<String, String> environment;
    protected final PrintStream out;
    protected final PrintStream err;

    RoleCommand(Map<String, String> environment, PrintStream out, PrintStream err) {
        this.environment = Map.copyOf(requireNonNull(environment, "environment is null"));
        this.out = requireNonNull(out, "out is null");
        this.err = requireNonNull(err, "err is null");
    }

    @Override
    public final Integer call() {
        ForegroundRole role;
        try {
            role = configure();
        } catch (ConfigException e) {
            err.println("distgres: " + e.getMessage());
            return EXIT_CONFIG;
        }
        return new ForegroundRunner(out, err, new ShutdownSignal()).run(roleName(), role);
    }

    /** Loads the configuration and builds the role, not yet started. */
    protected abstract ForegroundRole configure();

    /** Name used in messages, e.g. "cluster". */
    protected abstract String roleName();
}
