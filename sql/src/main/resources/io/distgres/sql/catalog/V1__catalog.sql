-- distgres catalog, version 1: the metadata tables of schema distgres.
-- Applied by io.distgres.coordinator.metadata.CatalogMigrator in one transaction; the migrator
-- creates schema distgres and distgres.schema_version before running it.
--
-- Relations are stored as regclass (an OID that prints as a name and dumps as one). PostgreSQL
-- records no dependency on them: DROP TABLE of a distributed table leaves its rows here until
-- distgres handles the drop (it must also drop the shards on the workers).

CREATE TABLE distgres.dist_node (
    nodeid      serial PRIMARY KEY,
    name        text NOT NULL UNIQUE,
    host        text NOT NULL,               -- the worker's PostgreSQL server
    port        integer NOT NULL CHECK (port BETWEEN 1 AND 65535),
    agent_host  text NOT NULL,               -- the worker agent's gRPC server
    agent_port  integer NOT NULL CHECK (agent_port BETWEEN 1 AND 65535),
    role        text NOT NULL DEFAULT 'primary' CHECK (role IN ('primary', 'replica')),
    primary_id  integer REFERENCES distgres.dist_node (nodeid),
    state       text NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'inactive')),
    created_at  timestamptz NOT NULL DEFAULT now(),
    CHECK ((role = 'replica') = (primary_id IS NOT NULL)),
    -- deferred so a restart may swap two nodes' ports in one transaction
    CONSTRAINT dist_node_host_port_key UNIQUE (host, port) DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE distgres.dist_colocation (
    colocation_id     serial PRIMARY KEY,
    shard_count       integer NOT NULL CHECK (shard_count > 0),
    distribution_type regtype              -- NULL for the reference-table group
);

CREATE TABLE distgres.dist_table (
    logicalrelid        regclass PRIMARY KEY,
    kind                text NOT NULL CHECK (kind IN ('hash', 'reference')),
    distribution_column name,
    colocation_id       integer NOT NULL REFERENCES distgres.dist_colocation (colocation_id),
    shard_count         integer NOT NULL CHECK (shard_count > 0),
    CHECK ((kind = 'hash') = (distribution_column IS NOT NULL)),
    CHECK (kind = 'hash' OR shard_count = 1)
);
CREATE INDEX dist_table_colocation_id_idx ON distgres.dist_table (colocation_id);

-- Shard ids are global and start where Citus's do, so shard names look familiar.
CREATE SEQUENCE distgres.dist_shard_id_seq AS bigint START WITH 102008;

CREATE TABLE distgres.dist_shard (
    shardid      bigint PRIMARY KEY DEFAULT nextval('distgres.dist_shard_id_seq'),
    logicalrelid regclass NOT NULL REFERENCES distgres.dist_table (logicalrelid) ON DELETE CASCADE,
    hash_min     integer,                  -- inclusive; NULL for reference tables
    hash_max     integer,                  -- inclusive; NULL for reference tables
    CHECK ((hash_min IS NULL) = (hash_max IS NULL)),
    CHECK (hash_min <= hash_max)
);
ALTER SEQUENCE distgres.dist_shard_id_seq OWNED BY distgres.dist_shard.shardid;
CREATE INDEX dist_shard_logicalrelid_idx ON distgres.dist_shard (logicalrelid, hash_min);

CREATE TABLE distgres.dist_placement (
    placementid bigserial PRIMARY KEY,
    shardid     bigint NOT NULL REFERENCES distgres.dist_shard (shardid) ON DELETE CASCADE,
    -- no cascade: a node that still holds placements cannot be removed
    nodeid      integer NOT NULL REFERENCES distgres.dist_node (nodeid),
    state       text NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'inactive', 'to_delete')),
    UNIQUE (shardid, nodeid)
);
CREATE INDEX dist_placement_nodeid_idx ON distgres.dist_placement (nodeid);

-- Commit records of two-phase commits: a prepared transaction on a worker whose gid is here
-- committed; one whose gid is missing rolls back during recovery.
CREATE TABLE distgres.dist_transaction (
    gid        text PRIMARY KEY,
    created_at timestamptz NOT NULL DEFAULT now()
);
