-- Aggregates over all shards: split into worker and coordinator parts, result types as PostgreSQL's.

-- name: count_star_and_column
SELECT count(*), count(name), count(email), count(tags), count(profile) FROM users;

-- name: sum_int_bigint_numeric_float
SELECT sum(age), sum(user_id), sum(balance), sum(score) FROM users;

-- name: min_max_each_type
SELECT min(age), max(age), min(user_id), max(user_id), min(balance), max(balance), min(score), max(score),
       min(name), max(name), min(signup_date), max(signup_date), min(created_at), max(created_at),
       min(last_login), max(last_login)
FROM users;

-- name: avg_int
SELECT avg(age) FROM users;

-- name: avg_bigint
SELECT avg(user_id) FROM users;

-- name: avg_numeric
SELECT avg(balance) FROM users;

-- name: avg_float8
SELECT avg(score) FROM users;

-- name: avg_quantity_amount
SELECT avg(quantity), avg(amount), avg(discount) FROM orders;

-- name: bool_and_or
SELECT bool_and(is_active), bool_or(is_active), bool_and(age > 17), bool_or(age > 79) FROM users;

-- name: bool_and_or_orders
SELECT bool_and(is_gift), bool_or(is_gift), bool_and(quantity > 0), bool_or(quantity > 9) FROM orders;

-- name: count_distinct
SELECT count(DISTINCT country_code), count(DISTINCT age), count(DISTINCT name) FROM users;

-- name: count_distinct_user_in_orders
SELECT count(DISTINCT user_id) FROM orders;

-- name: count_distinct_grouped_by_key
SELECT user_id, count(DISTINCT status), count(DISTINCT product_id) FROM orders GROUP BY user_id;

-- name: count_distinct_grouped_by_other
SELECT status, count(DISTINCT user_id), count(DISTINCT product_id) FROM orders GROUP BY status;

-- name: sum_distinct
SELECT sum(DISTINCT quantity), avg(DISTINCT quantity) FROM orders;

-- name: string_agg_ordered
SELECT string_agg(code, ',' ORDER BY code) FROM countries;

-- name: string_agg_distributed
SELECT string_agg(name, '|' ORDER BY name, user_id) FROM users WHERE user_id <= 60;

-- name: string_agg_grouped_by_key
SELECT user_id, string_agg(status, ',' ORDER BY order_id) FROM orders GROUP BY user_id;

-- name: string_agg_grouped_by_other
SELECT status, string_agg(order_id::text, ',' ORDER BY order_id) FROM orders WHERE order_id % 50 = 0 GROUP BY status;

-- name: array_agg_ordered
SELECT array_agg(user_id ORDER BY user_id) FROM users WHERE age = 40;

-- name: array_agg_ordered_desc_nulls
SELECT array_agg(age ORDER BY age DESC NULLS FIRST, user_id) FROM users WHERE user_id % 97 = 0;

-- name: array_agg_by_country
SELECT country_code, array_agg(user_id ORDER BY user_id) FROM users WHERE user_id < 200 GROUP BY country_code;

-- name: stddev_variance_numeric
SELECT stddev(balance), variance(balance), stddev_pop(balance), var_pop(balance) FROM users;

-- name: stddev_variance_int
SELECT stddev(age), variance(age), stddev_samp(age), var_pop(age) FROM users;

-- name: stddev_variance_float
SELECT stddev(score), variance(score), var_samp(score) FROM users;

-- name: stddev_grouped
SELECT status, stddev(amount), variance(quantity) FROM orders GROUP BY status;

-- name: percentile_cont
SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY score), percentile_cont(0.9) WITHIN GROUP (ORDER BY age) FROM users;

-- name: percentile_disc
SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY balance), percentile_disc(0.25) WITHIN GROUP (ORDER BY name) FROM users;

-- name: percentile_cont_grouped
SELECT status, percentile_cont(0.5) WITHIN GROUP (ORDER BY amount) FROM orders GROUP BY status;

-- name: mode_aggregate
SELECT mode() WITHIN GROUP (ORDER BY country_code), mode() WITHIN GROUP (ORDER BY age) FROM users;

-- name: aggregates_empty_input
SELECT count(*), sum(age), avg(balance), min(name), bool_and(is_active), string_agg(name, ','), array_agg(user_id)
FROM users WHERE age > 1000;

-- name: aggregates_empty_input_grouped
SELECT country_code, count(*) FROM users WHERE age > 1000 GROUP BY country_code;

-- name: aggregate_expression
SELECT sum(amount * quantity), sum(amount) / count(*), max(amount) - min(amount), count(*) * 2 FROM orders;

-- name: aggregate_of_case
SELECT sum(CASE WHEN status = 'paid' THEN amount ELSE 0 END), count(CASE WHEN is_gift THEN 1 END) FROM orders;

-- name: count_by_user_all
SELECT user_id, count(*), sum(amount), avg(amount), min(order_id), max(ordered_at) FROM orders GROUP BY user_id;

-- name: sum_overflowing_int_to_bigint
SELECT sum(user_id * 1000000) FROM users;

-- name: sum_float_with_nan
SELECT sum(value), avg(value), max(value), min(value), count(value) FROM events;

-- name: avg_float_finite
SELECT avg(value), sum(value) FROM events WHERE value < 'Infinity' AND value > '-Infinity';

-- name: jsonb_agg_ordered
SELECT jsonb_agg(code ORDER BY code) FROM countries WHERE region = 'Europe';

-- name: bit_and_or
SELECT bit_and(quantity), bit_or(quantity) FROM orders;
