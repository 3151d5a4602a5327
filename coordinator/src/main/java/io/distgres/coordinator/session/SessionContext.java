package io.distgres.coordinator.session;

import static java.util.Objects.requireNonNull;

import io.distgres.coordinator.execution.BackendPool;
import io.distgres.coordinator.pgwire.types.ResultFormatEncoder;
import io.distgres.planner.classify.StatementClassifier;

/**
 * What every client session shares: the pool to the coordinator database, the statement
 * classifier, the binary encoder, and the name of the one database sessions may connect to.
 */
public record SessionContext(BackendPool coordinatorPool, StatementClassifier classifier,
                             ResultFormatEncoder binaryEncoder, String databaseName) {
    public SessionContext {
        requireNonNull(coordinatorPool, "coordinatorPool is null");
        requireNonNull(classifier, "classifier is null");
        requireNonNull(binaryEncoder, "binaryEncoder is null");
        requireNonNull(databaseName, "databaseName is null");
    }
}
