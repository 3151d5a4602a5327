package io.distgres.coordinator.execution;

import static java.util.Objects.requireNonNull;

import io.distgres.coordinator.backend.BoundParameter;
import io.distgres.coordinator.backend.ResultSink;
import io.distgres.coordinator.metadata.CatalogSnapshot;
import io.distgres.planner.sql.StatementText;
import java.util.List;

/**
 * A client statement that names a distributed or reference table, with everything needed to run
 * it: its text, bound parameters, the catalog as of now, the session and where results go.
 */
public record DistributedStatement(StatementText statement, int parameterCount, List<BoundParameter> parameters,
                                   CatalogSnapshot catalog, SessionAccess session, ResultSink sink) {
    public DistributedStatement {
        requireNonNull(statement, "statement is null");
        parameters = List.copyOf(parameters);
        requireNonNull(catalog, "catalog is null");
        requireNonNull(session, "session is null");
        requireNonNull(sink, "sink is null");
    }

    /** The same statement with its result going to {@code other}. */
    public DistributedStatement withSink(ResultSink other) {
        return new DistributedStatement(statement, parameterCount, parameters, catalog, session, other);
    }
}
