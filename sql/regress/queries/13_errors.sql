-- Errors: raised on a worker, they keep PostgreSQL's SQLSTATE.

-- name: division_by_zero_router
-- error
SELECT age / 0 FROM users WHERE user_id = 1;

-- name: division_by_zero_multi_shard
-- error
SELECT quantity / (quantity - quantity) FROM orders;

-- name: undefined_column
-- error
SELECT no_such_column FROM users;

-- name: undefined_column_router
-- error
SELECT no_such_column FROM users WHERE user_id = 1;

-- name: invalid_cast
-- error
SELECT name::int FROM users WHERE user_id = 2;

-- name: invalid_cast_multi_shard
-- error
SELECT status::int FROM orders;

-- name: undefined_function
-- error
SELECT no_such_function(age) FROM users;
