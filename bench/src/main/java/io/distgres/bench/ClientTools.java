package io.distgres.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Finds the PostgreSQL client programs (pgbench, psql): $PGBENCH/$PSQL, the PATH, then Debian's server dirs. */
final class ClientTools {
    private ClientTools() {
    }

    static Path find(String program) throws IOException {
        String override = System.getenv(program.toUpperCase(java.util.Locale.ROOT));
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        List<Path> candidates = new ArrayList<>();
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty()) {
                candidates.add(Path.of(dir, program));
            }
        }
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                versions.sorted(java.util.Comparator.reverseOrder()).forEach(v -> candidates.add(v.resolve("bin").resolve(program)));
            }
        }
        Optional<Path> found = candidates.stream().filter(Files::isExecutable).findFirst();
        return found.orElseThrow(() -> new IOException(program + " not found on PATH or under /usr/lib/postgresql/*/bin;"
                + " install postgresql-client (and postgresql for pgbench) or set $" + program.toUpperCase(java.util.Locale.ROOT)));
    }
}
