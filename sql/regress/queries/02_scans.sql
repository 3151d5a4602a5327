-- Multi-shard scans: no distribution-column pin, rows gathered from every shard.

-- name: users_all
SELECT * FROM users;

-- name: users_some_columns
SELECT user_id, name, country_code FROM users;

-- name: users_where_age
SELECT user_id, age FROM users WHERE age BETWEEN 30 AND 35;

-- name: users_null_names
SELECT user_id FROM users WHERE name IS NULL;

-- name: users_empty_names
SELECT user_id, email FROM users WHERE name = '';

-- name: users_email_null_vs_empty
SELECT email IS NULL AS is_null, email = '' AS is_empty, count(*) FROM users GROUP BY 1, 2;

-- name: orders_all
SELECT * FROM orders;

-- name: orders_by_status
SELECT order_id, user_id, amount FROM orders WHERE status = 'paid';

-- name: orders_status_null
SELECT order_id FROM orders WHERE status IS NULL;

-- name: orders_amount_range
SELECT order_id, amount FROM orders WHERE amount >= 500.00 AND amount < 510.50;

-- name: events_all
SELECT * FROM events;

-- name: events_nan_and_infinity
SELECT event_id, value FROM events WHERE value = 'NaN'::float8 OR value IN ('Infinity', '-Infinity');

-- name: events_value_negative
SELECT event_id, value FROM events WHERE value < 0;

-- name: products_all
SELECT * FROM products;

-- name: sessions_all
SELECT * FROM sessions;

-- name: users_key_range
SELECT user_id FROM users WHERE user_id BETWEEN 100 AND 140;

-- name: users_key_not_equal
SELECT count(*) FROM users WHERE user_id <> 5;

-- name: users_is_active_true
SELECT user_id FROM users WHERE is_active;

-- name: users_is_active_unknown
SELECT user_id FROM users WHERE is_active IS UNKNOWN;

-- name: orders_date_filter
SELECT order_id, ship_date FROM orders WHERE ship_date >= DATE '2023-06-01';

-- name: orders_timestamptz_filter
SELECT order_id FROM orders WHERE ordered_at < TIMESTAMPTZ '2021-03-01 00:00:00+00';

-- name: scan_expressions
SELECT order_id, amount * quantity AS total, quantity / 3 AS thirds, quantity % 3 AS rest, -amount AS negated FROM orders WHERE user_id > 900;

-- name: scan_limit_no_order_count
SELECT count(*) FROM (SELECT order_id FROM orders ORDER BY order_id LIMIT 100) t;

-- name: count_all_users
SELECT count(*) FROM users;

-- name: count_all_orders
SELECT count(*) FROM orders;
