package io.distgres.coordinator.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Worker data directories copied from an initdb template: built once, rebuilt when damaged, safe under races. */
class InitdbTemplateIT {
    private final List<String> progress = Collections.synchronizedList(new ArrayList<>());
    private final Consumer<String> sink = progress::add;

    @TempDir
    Path directory;

    @Test
    void workersStartFromTheTemplateBuiltOnceAndTheCoordinatorRunsItsOwnInitdb() throws Exception {
        InitdbTemplate template = new InitdbTemplate(directory.resolve("templates"));
        List<String> identifiers = new ArrayList<>();
        for (String cluster : List.of("first", "second")) {
            try (EmbeddedPostgresServers servers = new EmbeddedPostgresServers(directory.resolve(cluster), 1, false, sink,
                    Optional.of(template))) {
                servers.start();
                for (EmbeddedPostgresServer server : allOf(servers)) {
                    try (Connection c = DriverManager.getConnection(server.jdbcUrlWithUser())) {
                        assertThat(query(c, "SELECT datcollate || '/' || datctype || '/' || pg_encoding_to_char(encoding) "
                                + "FROM pg_database WHERE datname = current_database()")).isEqualTo("C.UTF-8/C.UTF-8/UTF8");
                        assertThat(query(c, "SHOW max_prepared_transactions")).isEqualTo("64");
                        identifiers.add(server.name() + " " + query(c, "SELECT system_identifier FROM pg_control_system()"));
                        try (Statement s = c.createStatement()) {
                            s.execute("CREATE TABLE written_here AS SELECT 1 AS one"); // a copy is a server of its own
                        }
                    }
                }
            }
        }
        assertThat(progress.stream().filter(line -> line.startsWith("building the initdb template"))).hasSize(1);
        assertThat(identifiers.stream().filter(line -> line.startsWith("coordinator ")).distinct())
                .as("coordinators name themselves in global transaction ids").hasSize(2);
        try (Stream<Path> templates = Files.list(directory.resolve("templates"))) {
            assertThat(templates.map(p -> p.getFileName().toString()).toList()).singleElement().asString()
                    .matches("[0-9a-f]{24}");
        }
    }

    @Test
    void processesRacingToBuildTheTemplateAllGetCopiesAndADamagedTemplateIsBuiltAgain() throws Exception {
        Path root = directory.resolve("templates");
        ExecutorService executor = Executors.newFixedThreadPool(3);
        try {
            List<Future<Boolean>> copies = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                // separate instances, as separate test JVMs have
                Path target = directory.resolve("copy-" + i);
                Callable<Boolean> copy = () -> new InitdbTemplate(root).copyInto(target, false, sink);
                copies.add(executor.submit(copy));
            }
            for (Future<Boolean> copy : copies) {
                assertThat(copy.get()).as(String.join("\n", progress)).isTrue();
            }
        } finally {
            executor.shutdown();
        }
        Path built;
        try (Stream<Path> templates = Files.list(root)) {
            assertThat(templates.map(p -> p.getFileName().toString()).toList()).as("no staging directory or log left behind")
                    .singleElement().asString().matches("[0-9a-f]{24}");
        }
        try (Stream<Path> templates = Files.list(root)) {
            built = templates.findFirst().orElseThrow();
        }
        Files.delete(built.resolve("PG_VERSION")); // as a tmp cleaner might

        try (EmbeddedPostgresServers servers = new EmbeddedPostgresServers(directory.resolve("cluster"), 1, false, sink,
                Optional.of(new InitdbTemplate(root)))) {
            servers.start();
            try (Connection c = DriverManager.getConnection(servers.workers().get(0).jdbcUrlWithUser())) {
                assertThat(query(c, "SELECT 6 * 7")).isEqualTo("42");
            }
        }
        assertThat(progress).anyMatch(line -> line.contains("is incomplete; building it again"));
        assertThat(built.resolve("PG_VERSION")).exists();
    }

    @Test
    void aDirectoryHoldingFilesIsLeftToInitdb() throws Exception {
        Path dataDirectory = directory.resolve("data");
        Files.createDirectories(dataDirectory);
        Files.writeString(dataDirectory.resolve("note.txt"), "mine");
        assertThat(new InitdbTemplate(directory.resolve("templates")).copyInto(dataDirectory, false, sink)).isFalse();
        assertThat(dataDirectory.resolve("PG_VERSION")).doesNotExist();
    }

    private static List<EmbeddedPostgresServer> allOf(EmbeddedPostgresServers servers) {
        List<EmbeddedPostgresServer> all = new ArrayList<>(servers.workers());
        all.add(servers.coordinator());
        return all;
    }

    private static String query(Connection c, String sql) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }
}
