-- distgres catalog, version 6: DDL notifications.
--
-- The coordinator caches what table and function names mean under a search_path (so a routed
-- statement needs no round trip to the coordinator database to resolve its table). Any DDL can
-- change that meaning, wherever it runs: through distgres, inside a function or DO block, or on a
-- direct connection. This event trigger tells the coordinator: at commit, every DDL transaction
-- notifies channel distgres_ddl, and the coordinator, which LISTENs there, forgets its answers.
--
-- Event triggers need a superuser. Without one the trigger is skipped, and the coordinator asks the
-- database for every name instead (correct, one round trip more per statement).

CREATE FUNCTION distgres.notify_ddl()
    RETURNS event_trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    PERFORM pg_catalog.pg_notify('distgres_ddl', '');
END
$$;

DO $$
BEGIN
    IF (SELECT r.rolsuper FROM pg_catalog.pg_roles r WHERE r.rolname = current_user) THEN
        -- ddl_command_end fires for CREATE, ALTER and DROP alike (on temporary objects too)
        CREATE EVENT TRIGGER distgres_ddl_notify ON ddl_command_end EXECUTE FUNCTION distgres.notify_ddl();
    END IF;
END
$$;
