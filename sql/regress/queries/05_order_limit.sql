-- ORDER BY with LIMIT/OFFSET over all shards (pushed down as LIMIT limit+offset, then merged).
-- Every ordered query ends its ORDER BY with a unique key so the order is total.

-- name: order_by_key
-- ordered
SELECT user_id, name FROM users ORDER BY user_id;

-- name: order_by_key_desc_limit
-- ordered
SELECT user_id, name FROM users ORDER BY user_id DESC LIMIT 10;

-- name: order_by_text_limit
-- ordered
SELECT name, user_id FROM users ORDER BY name, user_id LIMIT 40;

-- name: order_by_text_nulls_first
-- ordered
SELECT name, user_id FROM users ORDER BY name NULLS FIRST, user_id LIMIT 60;

-- name: order_by_text_desc_nulls_last
-- ordered
SELECT name, user_id FROM users ORDER BY name DESC NULLS LAST, user_id LIMIT 40;

-- name: order_by_text_desc_default_nulls
-- ordered
SELECT name, user_id FROM users ORDER BY name DESC, user_id DESC LIMIT 60;

-- name: order_by_text_whole
-- ordered
SELECT name, email, user_id FROM users ORDER BY name, email NULLS FIRST, user_id;

-- name: order_by_numeric
-- ordered
SELECT balance, user_id FROM users ORDER BY balance, user_id LIMIT 25;

-- name: order_by_numeric_desc_nulls_first
-- ordered
SELECT balance, user_id FROM users ORDER BY balance DESC NULLS FIRST, user_id LIMIT 80;

-- name: order_by_float_with_nan
-- ordered
SELECT value, event_id FROM events ORDER BY value DESC, event_id LIMIT 20;

-- name: order_by_float_asc_nulls_first
-- ordered
SELECT value, event_id FROM events ORDER BY value NULLS FIRST, event_id LIMIT 200;

-- name: order_by_timestamptz
-- ordered
SELECT ordered_at, order_id FROM orders ORDER BY ordered_at, order_id LIMIT 30;

-- name: order_by_date_desc
-- ordered
SELECT ship_date, order_id FROM orders ORDER BY ship_date DESC NULLS LAST, order_id LIMIT 30;

-- name: order_by_boolean
-- ordered
SELECT is_active, user_id FROM users ORDER BY is_active, user_id LIMIT 120;

-- name: order_by_offset
-- ordered
SELECT order_id, amount FROM orders ORDER BY amount DESC NULLS LAST, order_id LIMIT 10 OFFSET 15;

-- name: order_by_offset_only
-- ordered
SELECT order_id FROM orders ORDER BY order_id OFFSET 2990;

-- name: order_by_offset_past_end
-- ordered
SELECT order_id FROM orders ORDER BY order_id LIMIT 10 OFFSET 5000;

-- name: order_by_limit_zero
-- ordered
SELECT order_id FROM orders ORDER BY order_id LIMIT 0;

-- name: order_by_limit_all
-- ordered
SELECT order_id FROM orders WHERE user_id > 800 ORDER BY order_id LIMIT ALL;

-- name: order_by_expression
-- ordered
SELECT order_id, amount * quantity AS total FROM orders ORDER BY amount * quantity DESC NULLS LAST, order_id LIMIT 15;

-- name: order_by_alias
-- ordered
SELECT order_id, quantity * 2 AS doubled FROM orders ORDER BY doubled, order_id LIMIT 15;

-- name: order_by_ordinal
-- ordered
SELECT user_id, age FROM users ORDER BY 2 DESC NULLS LAST, 1 LIMIT 15;

-- name: order_by_column_not_selected
-- ordered
SELECT name FROM users ORDER BY age, user_id LIMIT 15;

-- name: order_by_lower_text
-- ordered
SELECT user_id, name FROM users WHERE name IS NOT NULL ORDER BY lower(name), user_id LIMIT 30;

-- name: order_by_accented_text
-- ordered
SELECT DISTINCT name FROM users WHERE name IS NOT NULL ORDER BY name;

-- name: order_by_aggregate_limit
-- ordered
SELECT country_code, count(*) AS n FROM users GROUP BY country_code ORDER BY n DESC, country_code NULLS FIRST;

-- name: order_by_grouped_key_limit
-- ordered
SELECT user_id, sum(amount) AS total FROM orders GROUP BY user_id ORDER BY total DESC NULLS LAST, user_id LIMIT 10;

-- name: order_by_array
-- ordered
SELECT tags, user_id FROM users WHERE tags IS NOT NULL ORDER BY tags, user_id LIMIT 30;

-- name: fetch_first
-- ordered
SELECT order_id FROM orders ORDER BY order_id DESC FETCH FIRST 5 ROWS ONLY;
