package io.distgres.coordinator.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The command line parsed in-process; nothing here starts a server. */
class DistgresCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> env, String... args) {
        return DistgresCommand.execute(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void helpListsTheRoles() {
        assertThat(run(Map.of(), "--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("start", "coordinator", "worker");
    }

    @Test
    void everySubcommandHasHelp() {
        for (String sub : new String[] {"start", "coordinator", "worker"}) {
            assertThat(run(Map.of(), sub, "--help")).as(sub).isZero();
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--data-dir", "--workers", "--database-url", "--worker=");
    }

    @Test
    void noSubcommandIsAUsageError() {
        assertThat(run(Map.of())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("choose a subcommand");
    }

    @Test
    void configurationErrorIsOneLineAndExitCodeTwo() {
        assertThat(run(Map.of("DISTGRES_PORT", "x"), "start", "--data-dir", "unused")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .isEqualTo("distgres: port: 'x' from environment variable DISTGRES_PORT is not a port (0-65535)"
                        + System.lineSeparator());
    }

    @Test
    void workerWithoutDatabaseUrlSaysHowToGiveIt() {
        assertThat(run(Map.of(), "worker")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--database-url", "DISTGRES_DATABASE_URL");
    }
}
