-- distgres catalog, version 2: the Citus-compatible views clients query.
--
-- They live in their own schema, distgres_api, because one of them (dist_shard, shaped like
-- Citus's pg_dist_shard) shares its name with the table distgres.dist_shard. Only distgres_api
-- goes on the database's default search_path, so clients write `SELECT * FROM citus_shards`
-- without qualification while the metadata tables stay out of sight.

CREATE SCHEMA distgres_api;
COMMENT ON SCHEMA distgres_api IS 'distgres: Citus-compatible views (on the default search_path)';

CREATE VIEW distgres_api.citus_tables AS
SELECT t.logicalrelid AS table_name,
       CASE t.kind WHEN 'hash' THEN 'distributed' ELSE 'reference' END AS citus_table_type,
       CASE t.kind WHEN 'hash' THEN t.distribution_column::text ELSE '<none>' END AS distribution_column,
       t.colocation_id,
       t.shard_count
FROM distgres.dist_table t
ORDER BY t.logicalrelid::oid;

-- One row per placement. shard_name follows Citus's shard_name(): qualified unless in public.
-- shard_size stays NULL until distgres collects sizes from the workers.
CREATE VIEW distgres_api.citus_shards AS
SELECT t.logicalrelid AS table_name,
       s.shardid,
       CASE WHEN n.nspname = 'public' THEN quote_ident(c.relname || '_' || s.shardid)
            ELSE quote_ident(n.nspname) || '.' || quote_ident(c.relname || '_' || s.shardid)
       END AS shard_name,
       CASE t.kind WHEN 'hash' THEN 'distributed' ELSE 'reference' END AS citus_table_type,
       t.colocation_id,
       d.host AS nodename,
       d.port AS nodeport,
       NULL::bigint AS shard_size
FROM distgres.dist_shard s
JOIN distgres.dist_table t ON t.logicalrelid = s.logicalrelid
JOIN pg_catalog.pg_class c ON c.oid = t.logicalrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
JOIN distgres.dist_placement p ON p.shardid = s.shardid AND p.state <> 'to_delete'
JOIN distgres.dist_node d ON d.nodeid = p.nodeid
ORDER BY t.logicalrelid::oid, s.shardid, d.nodeid;

-- role is distgres's own: 'primary' or 'replica' (Citus 13 says 'worker'/'coordinator').
CREATE VIEW distgres_api.citus_nodes AS
SELECT d.nodeid,
       d.host AS nodename,
       d.port AS nodeport,
       d.role,
       d.state = 'active' AS active
FROM distgres.dist_node d
ORDER BY d.nodeid;

-- Shaped like Citus's pg_dist_shard: hash bounds as text, NULL for reference tables.
CREATE VIEW distgres_api.dist_shard AS
SELECT s.shardid,
       s.logicalrelid AS table_name,
       s.hash_min::text AS shardminvalue,
       s.hash_max::text AS shardmaxvalue
FROM distgres.dist_shard s
ORDER BY s.logicalrelid::oid, s.hash_min NULLS FIRST, s.shardid;

-- The views run with their owner's rights, so readers need no access to schema distgres.
GRANT USAGE ON SCHEMA distgres_api TO PUBLIC;
GRANT SELECT ON ALL TABLES IN SCHEMA distgres_api TO PUBLIC;

-- New sessions of this database find the views unqualified. "$user", public stay first so a
-- user's own citus_tables would win, as with any name later on the path. Clients that set
-- search_path themselves must add distgres_api (or qualify: distgres_api.citus_shards).
DO $$
BEGIN
    EXECUTE format('ALTER DATABASE %I SET search_path = "$user", public, distgres_api', current_database());
END
$$;
