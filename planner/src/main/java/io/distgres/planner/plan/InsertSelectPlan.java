package io.distgres.planner.plan;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * {@code INSERT INTO dist [(columns)] SELECT ...} whose rows cannot be inserted shard group by
 * shard group: the SELECT runs first and its rows are loaded into the shards like a COPY.
 *
 * @param schema            the target's schema
 * @param table             the target table
 * @param columns           the target columns named by the statement, empty for all
 * @param query             the SELECT's text, run with the statement's parameters
 * @param distributedSource whether the SELECT reads distributed tables (it then runs through
 *                          distgres's own tiers rather than on the coordinator's PostgreSQL)
 */
public record InsertSelectPlan(String schema, String table, List<String> columns, String query,
                               boolean distributedSource) implements DistributedPlan {
    public InsertSelectPlan {
        requireNonNull(schema, "schema is null");
        requireNonNull(table, "table is null");
        requireNonNull(query, "query is null");
        columns = List.copyOf(columns);
    }

    @Override
    public Tier tier() {
        return Tier.COORDINATOR;
    }
}
