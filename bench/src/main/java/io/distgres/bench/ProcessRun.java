package io.distgres.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One finished external program (pgbench, psql): exit code, output, and wall time.
 * Output goes through files so a chatty program never blocks on a full pipe.
 */
record ProcessRun(int exitCode, String stdout, String stderr, long wallNanos) {
    static ProcessRun run(List<String> command, Path workDirectory, long timeoutSeconds) throws IOException {
        Files.createDirectories(workDirectory);
        Path out = Files.createTempFile(workDirectory, "stdout-", ".txt");
        Path err = Files.createTempFile(workDirectory, "stderr-", ".txt");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(workDirectory.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().put("PGCONNECT_TIMEOUT", "10");
            long begin = System.nanoTime();
            Process process = builder.start();
            try {
                if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IOException(String.join(" ", command) + " did not finish within " + timeoutSeconds + " s");
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while running " + command.get(0), e);
            }
            long wall = System.nanoTime() - begin;
            return new ProcessRun(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8), wall);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** Throws with the program's stderr unless it exited 0. */
    ProcessRun requireSuccess(String what) throws IOException {
        if (exitCode != 0) {
            throw new IOException(what + " failed (exit " + exitCode + "): " + stderr.strip() + " " + stdout.strip());
        }
        return this;
    }
}
