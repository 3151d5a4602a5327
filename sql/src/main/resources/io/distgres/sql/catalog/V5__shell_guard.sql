-- distgres catalog, version 5: the shell guard.
--
-- A distributed or reference table's coordinator table is an empty shell: its rows live in the
-- shards. distgres never runs a client's statement against it, but the coordinator's PostgreSQL can
-- still reach it on its own through a function, view, rule or trigger, and would silently read
-- nothing (or write rows nobody ever sees). The guard makes every such use fail instead.
--
-- How: each shell gets a partial index whose predicate calls distgres.shell_guard with the shell's
-- regclass as a constant. PostgreSQL evaluates an index predicate's constant function calls whenever
-- it builds the index's information: when it plans any query scanning the table (a SELECT, UPDATE or
-- DELETE, inside functions and views too), opens its indexes for an INSERT, rebuilds them (TRUNCATE,
-- REINDEX, table rewrites) and when it ANALYZEs it. A predicate that comes out true is not cached,
-- so the guard runs again every time. It applies to superusers too, unlike row-level security.
--
-- distgres itself touches a shell only with the shell's OID in distgres.unguarded_shells (set for its
-- own transaction: SET LOCAL), or '*' for database-wide maintenance (VACUUM, ANALYZE, REINDEX, CLUSTER).

CREATE FUNCTION distgres.shell_guard(shell regclass)
    RETURNS boolean
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
    AS $$
DECLARE
    unguarded text := pg_catalog.current_setting('distgres.unguarded_shells', true);
    table_name text;
BEGIN
    IF unguarded = '*' OR shell::oid::text = ANY (pg_catalog.string_to_array(unguarded, ',')) THEN
        RETURN true;
    END IF;
    SELECT c.relname INTO table_name FROM pg_catalog.pg_class c WHERE c.oid = shell;
    RAISE EXCEPTION 'reading or writing distributed table "%" from a function, view, rule or trigger is not supported',
            table_name
        USING ERRCODE = 'feature_not_supported',
              DETAIL = pg_catalog.format('The rows of "%s" live in its shards on the workers; the coordinator''s'
                  ' table "%s" is an empty shell, so this would see no rows.', table_name, table_name),
              HINT = pg_catalog.format('Name "%s" in the statement you send to distgres, or make it a local'
                  ' table again with undistribute_table(''%s'').', table_name, table_name);
END
$$;

-- The guard indexes of a table: those whose predicate calls distgres.shell_guard (the call makes the
-- index depend on the function).
CREATE FUNCTION distgres.guard_indexes(shell regclass)
    RETURNS SETOF regclass
    LANGUAGE sql STABLE
    AS $$
SELECT i.indexrelid::regclass
FROM pg_catalog.pg_index i
JOIN pg_catalog.pg_depend d ON d.objid = i.indexrelid
     AND d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
     AND d.refclassid = 'pg_catalog.pg_proc'::pg_catalog.regclass
     AND d.refobjid = 'distgres.shell_guard(regclass)'::pg_catalog.regprocedure
WHERE i.indrelid = shell
$$;

-- Guards a shell: its autoanalyze counters are zeroed first (ANALYZE of the now-empty table), so
-- autovacuum never tries to ANALYZE it later, which the guard would refuse.
CREATE FUNCTION distgres.guard_shell(shell regclass)
    RETURNS void
    LANGUAGE plpgsql
    AS $$
DECLARE
    index_name text;
    suffix int := 0;
    unguarded text := pg_catalog.current_setting('distgres.unguarded_shells', true);
BEGIN
    IF EXISTS (SELECT 1 FROM distgres.guard_indexes(shell)) THEN
        RETURN;
    END IF;
    PERFORM pg_catalog.set_config('distgres.unguarded_shells', shell::oid::text, true);
    EXECUTE pg_catalog.format('ANALYZE %s', shell);
    LOOP
        index_name := pg_catalog.left((SELECT c.relname FROM pg_catalog.pg_class c WHERE c.oid = shell), 40)
            || '_distgres_guard' || CASE WHEN suffix = 0 THEN '' ELSE suffix::text END;
        EXIT WHEN NOT EXISTS (SELECT 1 FROM pg_catalog.pg_class c
                              WHERE c.relname = index_name
                                AND c.relnamespace = (SELECT s.relnamespace FROM pg_catalog.pg_class s
                                                      WHERE s.oid = shell));
        suffix := suffix + 1;
    END LOOP;
    EXECUTE pg_catalog.format('CREATE INDEX %I ON %s ((1)) WHERE distgres.shell_guard(%L::regclass)',
                              index_name, shell, shell::oid);
    PERFORM pg_catalog.set_config('distgres.unguarded_shells', COALESCE(unguarded, ''), true);
END
$$;

-- Removes a table's guard (undistribute_table: the table is local again).
CREATE FUNCTION distgres.unguard_shell(shell regclass)
    RETURNS void
    LANGUAGE plpgsql
    AS $$
DECLARE
    guard regclass;
BEGIN
    FOR guard IN SELECT * FROM distgres.guard_indexes(shell) LOOP
        EXECUTE pg_catalog.format('DROP INDEX %s', guard);
    END LOOP;
END
$$;

-- Shells distributed before this version get their guard now.
SELECT distgres.guard_shell(t.logicalrelid)
FROM distgres.dist_table t
WHERE EXISTS (SELECT 1 FROM pg_catalog.pg_class c WHERE c.oid = t.logicalrelid::oid);
