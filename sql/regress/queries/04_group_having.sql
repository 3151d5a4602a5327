-- GROUP BY (columns, expressions, ordinals), HAVING after the merge, FILTER clauses.

-- name: group_by_key
SELECT user_id, count(*) FROM events GROUP BY user_id;

-- name: group_by_non_key
SELECT country_code, count(*), sum(balance) FROM users GROUP BY country_code;

-- name: group_by_two_columns
SELECT status, is_gift, count(*), sum(amount) FROM orders GROUP BY status, is_gift;

-- name: group_by_ordinal
SELECT status, count(*) FROM orders GROUP BY 1;

-- name: group_by_ordinals_two
SELECT country_code, is_active, count(*) FROM users GROUP BY 1, 2;

-- name: group_by_expression
SELECT age / 10 AS decade, count(*) FROM users GROUP BY age / 10;

-- name: group_by_expression_ordinal
SELECT date_trunc('month', ordered_at) AS month, count(*), sum(amount) FROM orders GROUP BY 1;

-- name: group_by_extract
SELECT extract(year FROM signup_date) AS year, count(*) FROM users GROUP BY 1;

-- name: group_by_lower
SELECT lower(name), count(*) FROM users GROUP BY lower(name);

-- name: group_by_jsonb_field
SELECT profile->>'plan' AS plan, count(*), avg((profile->>'level')::int) FROM users GROUP BY profile->>'plan';

-- name: group_by_boolean_expression
SELECT amount > 500 AS big, count(*) FROM orders GROUP BY amount > 500;

-- name: group_by_key_expression
SELECT user_id % 10, count(*) FROM orders GROUP BY user_id % 10;

-- name: group_by_not_selected
SELECT count(*) FROM orders GROUP BY status;

-- name: having_count
SELECT user_id, count(*) FROM orders GROUP BY user_id HAVING count(*) > 10;

-- name: having_non_key
SELECT country_code, count(*) FROM users GROUP BY country_code HAVING count(*) > 90;

-- name: having_sum_numeric
SELECT status, sum(amount) FROM orders GROUP BY status HAVING sum(amount) > 100000.00;

-- name: having_aggregate_not_selected
SELECT product_id FROM orders GROUP BY product_id HAVING avg(quantity) > 7;

-- name: having_without_group_by
SELECT count(*) FROM orders HAVING count(*) > 1;

-- name: having_bool_or
SELECT user_id FROM orders GROUP BY user_id HAVING bool_or(is_gift) AND count(*) >= 5;

-- name: filter_count
SELECT count(*) FILTER (WHERE status = 'paid'), count(*) FILTER (WHERE status IS NULL), count(*) FROM orders;

-- name: filter_sum_grouped
SELECT user_id, sum(amount) FILTER (WHERE is_gift), sum(amount) FILTER (WHERE NOT is_gift) FROM orders GROUP BY user_id;

-- name: filter_grouped_by_non_key
SELECT is_active, count(*) FILTER (WHERE age > 50), avg(balance) FILTER (WHERE country_code = 'US') FROM users GROUP BY is_active;

-- name: filter_with_distinct
SELECT count(DISTINCT product_id) FILTER (WHERE quantity > 5) FROM orders;

-- name: filter_string_agg
SELECT string_agg(code, ',' ORDER BY code) FILTER (WHERE region = 'Asia') FROM countries;

-- name: group_having_order_limit
-- ordered
SELECT user_id, count(*) AS n FROM orders GROUP BY user_id HAVING count(*) > 3 ORDER BY n DESC, user_id LIMIT 10;

-- name: grouping_sets
SELECT status, is_gift, count(*) FROM orders GROUP BY GROUPING SETS ((status), (is_gift), ());

-- name: rollup
SELECT country_code, is_active, count(*) FROM users GROUP BY ROLLUP (country_code, is_active);
