package io.distgres.bench;

import io.distgres.coordinator.launcher.EmbeddedPostgresServer;
import io.distgres.coordinator.launcher.LoopbackPorts;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The reference side: a plain embedded PostgreSQL 17 (the same zonky binaries the cluster runs),
 * configured by the launcher's own builder exactly like the cluster's servers, fsync off as theirs.
 */
final class DirectPostgres implements AutoCloseable {
    private static final String HOST = "127.0.0.1";
    private final EmbeddedPostgres postgres;

    private DirectPostgres(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    static DirectPostgres start(Path dataDirectory, Path logFile) throws IOException {
        EmbeddedPostgres postgres = EmbeddedPostgresServer.builder(dataDirectory, LoopbackPorts.pickFree(HOST), false,
                        logFile)
                .setCleanDataDirectory(true)
                .start();
        return new DirectPostgres(postgres);
    }

    Target target() {
        return new Target("direct PostgreSQL", HOST, postgres.getPort());
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
