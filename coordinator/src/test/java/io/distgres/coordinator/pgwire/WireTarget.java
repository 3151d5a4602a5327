package io.distgres.coordinator.pgwire;

import io.distgres.coordinator.testing.EmbeddedClusterExtension;

/**
 * Where a wire-level test sends its messages: distgres, or the coordinator's own plain PostgreSQL,
 * to prove that the replies the test expects are PostgreSQL's.
 */
enum WireTarget {
    DISTGRES, POSTGRESQL;

    int port(EmbeddedClusterExtension cluster) {
        return this == DISTGRES ? cluster.port() : cluster.postgres().coordinator().port();
    }

    String jdbcUrl(EmbeddedClusterExtension cluster) {
        return this == DISTGRES ? cluster.jdbcUrl() : cluster.coordinatorPostgresJdbcUrl();
    }
}
