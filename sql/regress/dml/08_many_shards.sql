-- Writes into a table with 128 shards (64 a node): rows that reach some nodes and not others,
-- one row, no rows, and statements over every shard.
-- tables: ledger

-- name: many_shards_insert_select_one_row
INSERT INTO ledger (entry_id, user_id, amount, note) SELECT 1, 1, 10.00, 'one';

-- name: many_shards_insert_select_no_rows
INSERT INTO ledger (entry_id, user_id, amount, note) SELECT order_id, user_id, amount, 'none' FROM orders WHERE false;

-- name: many_shards_insert_select_from_orders
INSERT INTO ledger (entry_id, user_id, amount, note)
SELECT 1000 + order_id, user_id, amount, status FROM orders WHERE order_id % 7 = 3;

-- name: many_shards_insert_values
INSERT INTO ledger (entry_id, user_id, amount, note) VALUES
  (2, 2, 1.50, 'a'), (3, 3, NULL, NULL), (4, 4, -2.25, ''), (5000000000, 5, 0, 'big');

-- name: many_shards_update_all
UPDATE ledger SET amount = coalesce(amount, 0) + 1;

-- name: many_shards_update_returning
UPDATE ledger SET note = upper(note) WHERE entry_id < 10 RETURNING entry_id, note;

-- name: many_shards_delete_some
DELETE FROM ledger WHERE entry_id % 3 = 0;

-- name: many_shards_delete_none
DELETE FROM ledger WHERE entry_id < 0;
