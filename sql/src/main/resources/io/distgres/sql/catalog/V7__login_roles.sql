-- distgres catalog, version 5: sessions act as the role their client logged in as.
--
-- A session's statements run on a connection opened by its own role, so whatever distgres runs
-- there on the session's behalf must be open to every role: the argument readers of the SQL API
-- (schema distgres, functions EXECUTE-able by PUBLIC by default) and the commit records below.
-- The catalog tables themselves stay readable and writable by distgres's own user only.

GRANT USAGE ON SCHEMA distgres TO PUBLIC;

-- A two-phase commit writes its commit records inside the client's own coordinator transaction
-- (so they commit exactly when the client's local writes do), which runs as the client's role: this
-- function inserts them with its owner's rights. Only distgres's gids are accepted.
CREATE FUNCTION distgres.record_commits(gids text[], nodeids integer[])
    RETURNS void
    LANGUAGE sql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
        INSERT INTO distgres.dist_transaction (gid, nodeid, created_at)
        SELECT g, n, clock_timestamp() FROM unnest($1, $2) AS r(g, n) WHERE starts_with(g, 'distgres_')
    $$;
