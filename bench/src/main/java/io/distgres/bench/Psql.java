package io.distgres.bench;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs psql: {@code \copy} (a client-side COPY FROM STDIN, as users load data), commands and scripts, timed. */
final class Psql {
    private final Path executable;
    private final Path workDirectory;

    Psql(Path executable, Path workDirectory) {
        this.executable = requireNonNull(executable, "executable is null");
        this.workDirectory = requireNonNull(workDirectory, "workDirectory is null");
    }

    /** Loads {@code file} into {@code table}; returns the wall time in nanoseconds. */
    long copyIn(Target target, String table, Path file) throws IOException {
        String path = file.toAbsolutePath().toString().replace("'", "''");
        return run(target, "\\copy " + table + " FROM '" + path + "'").requireSuccess("\\copy into " + table + " on "
                + target.name()).wallNanos();
    }

    /** Runs a script file with unaligned, tuples-only output ({@code psql -At -f}); the caller decides what a failure means. */
    ProcessRun runScript(Target target, Path script) throws IOException {
        List<String> args = new ArrayList<>(List.of(executable.toString(), "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1",
                "-f", script.toAbsolutePath().toString()));
        args.addAll(target.clientArguments());
        return ProcessRun.run(args, workDirectory, 3600);
    }

    /** Runs one command; the caller decides what a failure means. */
    ProcessRun run(Target target, String command) throws IOException {
        List<String> args = new ArrayList<>(List.of(executable.toString(), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", command));
        args.addAll(target.clientArguments());
        return ProcessRun.run(args, workDirectory, 3600);
    }
}
