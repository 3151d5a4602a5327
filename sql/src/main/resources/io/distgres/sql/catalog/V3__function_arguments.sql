-- distgres catalog, version 3: argument readers for distgres's SQL API.
--
-- The coordinator intercepts calls like SELECT create_distributed_table('messages', 'user_id').
-- To read their arguments exactly as PostgreSQL would (named arguments, defaults, casts, regclass
-- lookups with the session's search_path, and PostgreSQL's own errors for unknown tables), it
-- passes the argument list unchanged to the matching function below and executes the operation
-- itself with what comes back. The signatures follow Citus's functions of the same names.

CREATE FUNCTION distgres.create_distributed_table_args(
        table_name regclass, distribution_column text, distribution_type text DEFAULT 'hash',
        colocate_with text DEFAULT 'default', shard_count integer DEFAULT 32)
    RETURNS TABLE (relation_id oid, distribution_column text, distribution_type text, colocate_with text,
                   shard_count integer)
    LANGUAGE sql STABLE
    AS $$ SELECT $1::oid, $2, $3, $4, $5 $$;

CREATE FUNCTION distgres.create_reference_table_args(table_name regclass)
    RETURNS TABLE (relation_id oid)
    LANGUAGE sql STABLE
    AS $$ SELECT $1::oid $$;

CREATE FUNCTION distgres.undistribute_table_args(table_name regclass, cascade_via_foreign_keys boolean DEFAULT false)
    RETURNS TABLE (relation_id oid)
    LANGUAGE sql STABLE
    AS $$ SELECT $1::oid $$;

CREATE FUNCTION distgres.get_shard_id_for_distribution_column_args(table_name regclass,
        distribution_value anyelement DEFAULT NULL::text)
    RETURNS TABLE (relation_id oid, distribution_value text)
    LANGUAGE sql STABLE
    AS $$ SELECT $1::oid, $2::text $$;

CREATE FUNCTION distgres.run_command_on_workers_args(command text, parallel boolean DEFAULT true)
    RETURNS TABLE (command text)
    LANGUAGE sql IMMUTABLE
    AS $$ SELECT $1 $$;

-- colocate_with names a table; resolved with the caller's search_path
CREATE FUNCTION distgres.relation_id(table_name text)
    RETURNS oid
    LANGUAGE sql STABLE
    AS $$ SELECT $1::regclass::oid $$;
