-- Errors: raised on a worker, they keep PostgreSQL's SQLSTATE.

-- name: division_by_zero_router
SELECT age / 0 FROM users WHERE user_id = 1;

-- name: division_by_zero_multi_shard
SELECT quantity / (quantity - quantity) FROM orders;

-- name: undefined_column
SELECT no_such_column FROM users;

-- name: undefined_column_router
SELECT no_such_column FROM users WHERE user_id = 1;

-- name: invalid_cast
SELECT name::int FROM users WHERE user_id = 2;

-- name: invalid_cast_multi_shard
SELECT status::int FROM orders;

-- name: undefined_function
SELECT no_such_function(age) FROM users;
