package io.distgres.coordinator.session.route;

/** What a statement that names a distributed table is, which decides the executor that runs it. */
public enum DistributedCommand {
    /** GRANT, REVOKE and role statements: the coordinator first, then every worker. */
    PRIVILEGES,
    /** COPY ... FROM STDIN: rows split by shard. */
    COPY_IN,
    /** COPY ... TO STDOUT of a table or a query. */
    COPY_OUT,
    /** CREATE, ALTER, DROP, TRUNCATE: propagated to the shards. */
    DDL,
    /** SELECT, INSERT, UPDATE, DELETE, WITH, VALUES, TABLE: the router's tiers. */
    QUERY,
    EXPLAIN,
    /** Anything else: 0A000 naming the statement and the table. */
    UNSUPPORTED
}
