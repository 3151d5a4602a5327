package io.distgres.bench;

import io.distgres.coordinator.launcher.LoopbackPorts;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The reference side: a plain embedded PostgreSQL 17 (the same zonky binaries the cluster runs),
 * configured like the cluster's servers (fsync off, logical WAL, prepared transactions enabled).
 */
final class DirectPostgres implements AutoCloseable {
    private static final String HOST = "127.0.0.1";
    private final EmbeddedPostgres postgres;

    private DirectPostgres(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    static DirectPostgres start(Path dataDirectory, Path logFile) throws IOException {
        Redirect log = Redirect.appendTo(logFile.toFile());
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(true)
                .setPort(LoopbackPorts.pickFree(HOST))
                .setPGStartupWait(Duration.ofSeconds(60))
                .setOutputRedirector(log)
                .setErrorRedirector(log)
                .setServerConfig("listen_addresses", HOST)
                .setServerConfig("max_connections", "300")
                .setServerConfig("max_prepared_transactions", "64")
                .setServerConfig("wal_level", "logical")
                .setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off")
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
