-- Window functions: PARTITION BY the distribution column (pushed down) and not (coordinator).
-- Every window ORDER BY ends with a unique key so ranks and frames are deterministic.

-- name: row_number_by_key
SELECT user_id, order_id, row_number() OVER (PARTITION BY user_id ORDER BY order_id) FROM orders;

-- name: rank_by_key
SELECT user_id, order_id, rank() OVER (PARTITION BY user_id ORDER BY quantity NULLS LAST) FROM orders;

-- name: dense_rank_by_key
SELECT user_id, event_id, dense_rank() OVER (PARTITION BY user_id ORDER BY event_type NULLS FIRST) FROM events;

-- name: sum_over_key
SELECT user_id, order_id, sum(amount) OVER (PARTITION BY user_id) FROM orders;

-- name: running_sum_by_key
SELECT user_id, order_id, sum(amount) OVER (PARTITION BY user_id ORDER BY order_id) FROM orders;

-- name: lag_lead_by_key
SELECT user_id, order_id, lag(amount) OVER w, lead(order_id, 2, -1) OVER w FROM orders
WINDOW w AS (PARTITION BY user_id ORDER BY ordered_at, order_id);

-- name: first_last_value_by_key
SELECT user_id, event_id, first_value(event_type) OVER w, last_value(event_id) OVER w FROM events
WINDOW w AS (PARTITION BY user_id ORDER BY event_id ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING);

-- name: count_over_key_with_filter
SELECT user_id, order_id, count(*) FILTER (WHERE is_gift) OVER (PARTITION BY user_id) FROM orders WHERE user_id < 300;

-- name: row_number_global
SELECT order_id, row_number() OVER (ORDER BY order_id) FROM orders;

-- name: rank_global_by_amount
SELECT order_id, rank() OVER (ORDER BY amount DESC NULLS LAST) FROM orders;

-- name: window_partition_non_key
SELECT order_id, status, sum(amount) OVER (PARTITION BY status), count(*) OVER (PARTITION BY status) FROM orders;

-- name: window_partition_non_key_ordered
SELECT user_id, country_code, row_number() OVER (PARTITION BY country_code ORDER BY balance DESC NULLS LAST, user_id) FROM users;

-- name: window_ntile_percent_rank
SELECT user_id, ntile(4) OVER (ORDER BY age NULLS FIRST, user_id), percent_rank() OVER (ORDER BY user_id) FROM users;

-- name: window_over_empty
SELECT user_id, count(*) OVER () FROM users WHERE age > 75;

-- name: window_top_per_group_ordered
-- ordered
SELECT * FROM (
  SELECT status, order_id, amount, row_number() OVER (PARTITION BY status ORDER BY amount DESC NULLS LAST, order_id) AS rn FROM orders
) t WHERE rn <= 3 ORDER BY status NULLS FIRST, rn;

-- name: window_moving_average_float
SELECT event_id, avg(value) OVER (PARTITION BY user_id ORDER BY event_id ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) FROM events
WHERE value < 'Infinity' AND value > '-Infinity';

-- name: window_after_group_by
SELECT user_id, count(*), rank() OVER (ORDER BY count(*) DESC, user_id) FROM orders GROUP BY user_id;

-- name: window_on_colocated_join
SELECT u.user_id, o.order_id, sum(o.amount) OVER (PARTITION BY u.user_id ORDER BY o.order_id)
FROM users u JOIN orders o ON o.user_id = u.user_id WHERE u.age > 60;
