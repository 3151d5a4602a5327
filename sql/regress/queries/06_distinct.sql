-- DISTINCT and DISTINCT ON over all shards.

-- name: distinct_one_column
SELECT DISTINCT country_code FROM users;

-- name: distinct_two_columns
SELECT DISTINCT status, is_gift FROM orders;

-- name: distinct_key
SELECT DISTINCT user_id FROM orders;

-- name: distinct_expression
SELECT DISTINCT age / 10 FROM users;

-- name: distinct_with_nulls_and_empty
SELECT DISTINCT name FROM users;

-- name: distinct_ordered
-- ordered
SELECT DISTINCT status FROM orders ORDER BY status NULLS FIRST;

-- name: distinct_ordered_limit
-- ordered
SELECT DISTINCT product_id FROM orders ORDER BY product_id LIMIT 10;

-- name: distinct_on_key
-- ordered
SELECT DISTINCT ON (user_id) user_id, order_id, amount FROM orders ORDER BY user_id, amount DESC NULLS LAST, order_id;

-- name: distinct_on_non_key
-- ordered
SELECT DISTINCT ON (status) status, order_id, user_id FROM orders ORDER BY status, order_id DESC;

-- name: distinct_on_latest_event_per_type
-- ordered
SELECT DISTINCT ON (event_type) event_type, event_id, occurred_at FROM events ORDER BY event_type, occurred_at DESC, event_id;

-- name: distinct_on_expression
-- ordered
SELECT DISTINCT ON (age / 10) age / 10 AS decade, user_id, name FROM users ORDER BY age / 10, user_id;

-- name: distinct_jsonb
SELECT DISTINCT profile->'prefs' FROM users;

-- name: distinct_array
SELECT DISTINCT tags FROM users;

-- name: count_of_distinct_subquery
SELECT count(*) FROM (SELECT DISTINCT status, product_id FROM orders) d;
