package io.distgres.coordinator.session;

import static java.util.Objects.requireNonNull;

import io.distgres.coordinator.backend.BackendPool;
import io.distgres.coordinator.metadata.DdlEpoch;
import io.distgres.coordinator.pgwire.types.ResultFormatEncoder;
import io.distgres.coordinator.tables.DistgresFunctions;
import io.distgres.coordinator.transaction.TransactionManager;
import io.distgres.planner.classify.StatementClassifier;

/**
 * What every client session shares: the pool to the coordinator database, the statement
 * classifier, the binary encoder, the name of the one database sessions may connect to, distgres's
 * SQL functions, the gate that keeps distributed tables' statements off the shells, the
 * distributed transactions' manager, the epoch that DDL advances (for name resolution), and the
 * count of statements that may have changed table definitions (for prepared statements' row types).
 */
public record SessionContext(BackendPool coordinatorPool, StatementClassifier classifier,
                             ResultFormatEncoder binaryEncoder, String databaseName, DistgresFunctions functions,
                             DistributedTableGate distributedTables, DistributedStatementExecutor distributed,
                             TransactionManager transactions, DdlEpoch ddlEpoch, SchemaChanges schemaChanges) {
    public SessionContext {
        requireNonNull(coordinatorPool, "coordinatorPool is null");
        requireNonNull(classifier, "classifier is null");
        requireNonNull(binaryEncoder, "binaryEncoder is null");
        requireNonNull(databaseName, "databaseName is null");
        requireNonNull(functions, "functions is null");
        requireNonNull(distributedTables, "distributedTables is null");
        requireNonNull(distributed, "distributed is null");
        requireNonNull(transactions, "transactions is null");
        requireNonNull(ddlEpoch, "ddlEpoch is null");
        requireNonNull(schemaChanges, "schemaChanges is null");
    }
}
