package io.distgres.coordinator.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the real psql client, for tests of what users see; fails the test unless psql exits 0. */
public final class Psql {
    private Psql() {
    }

    /** psql's output (stdout and stderr) for {@code arguments} ({@code -X} is added: no ~/.psqlrc). */
    public static String run(Map<String, String> environment, List<String> arguments) throws Exception {
        ProcessBuilder builder = new ProcessBuilder();
        builder.command().add("psql");
        builder.command().add("-X");
        builder.command().addAll(arguments);
        builder.environment().putAll(environment);
        builder.redirectErrorStream(true);
        Process process = builder.start();
        String output;
        try (InputStream in = process.getInputStream()) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            in.transferTo(bytes);
            output = bytes.toString(StandardCharsets.UTF_8);
        }
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("psql exited").isTrue();
        assertThat(process.exitValue()).as("psql output: %s", output).isZero();
        return output;
    }
}
