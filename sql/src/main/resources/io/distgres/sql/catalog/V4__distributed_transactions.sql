-- distgres catalog, version 4: distributed transactions.
--
-- A commit record names the node its gid was prepared on, so recovery deletes only the records of
-- nodes it could check. created_at is set with clock_timestamp() at insert (after the PREPARE), which
-- is what lets recovery tell that a record's gid was prepared before it listed the workers.

ALTER TABLE distgres.dist_transaction ADD COLUMN nodeid integer;

CREATE FUNCTION distgres.recover_prepared_transactions_args()
    RETURNS TABLE (ok boolean)
    LANGUAGE sql IMMUTABLE
    AS $$ SELECT true $$;
