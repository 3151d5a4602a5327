-- Router queries: every distributed table pinned to one shard (group) by its distribution column.

-- name: user_by_id
SELECT * FROM users WHERE user_id = 7;

-- name: user_by_big_id
SELECT user_id, name, balance FROM users WHERE user_id = 3000000001;

-- name: user_missing
SELECT * FROM users WHERE user_id = 123456789;

-- name: users_in_list
-- ordered
SELECT user_id, name, age FROM users WHERE user_id IN (3, 5, 8, 13, 21) ORDER BY user_id;

-- name: orders_of_user
-- ordered
SELECT order_id, status, amount, ordered_at FROM orders WHERE user_id = 1 ORDER BY order_id;

-- name: orders_of_user_count
SELECT count(*), sum(amount), min(ordered_at), max(ordered_at) FROM orders WHERE user_id = 2;

-- name: orders_of_user_group_status
SELECT status, count(*), sum(quantity) FROM orders WHERE user_id = 1 GROUP BY status;

-- name: orders_user_and_filter
-- ordered
SELECT order_id, amount FROM orders WHERE user_id = 3 AND amount > 100 ORDER BY amount DESC, order_id;

-- name: events_of_user_limit
-- ordered
SELECT event_id, event_type, value FROM events WHERE user_id = 1 ORDER BY occurred_at DESC, event_id LIMIT 5;

-- name: router_join_users_orders
-- ordered
SELECT u.user_id, u.name, o.order_id, o.amount
FROM users u JOIN orders o ON o.user_id = u.user_id
WHERE u.user_id = 4 ORDER BY o.order_id;

-- name: router_join_three_tables
SELECT u.name, count(DISTINCT o.order_id) AS orders, count(DISTINCT e.event_id) AS events
FROM users u JOIN orders o ON o.user_id = u.user_id JOIN events e ON e.user_id = u.user_id
WHERE u.user_id = 2 GROUP BY u.name;

-- name: router_left_join
SELECT u.user_id, o.order_id FROM users u LEFT JOIN orders o ON o.user_id = u.user_id WHERE u.user_id = 999;

-- name: router_join_reference
-- ordered
SELECT u.user_id, c.name AS country, c.region FROM users u LEFT JOIN countries c ON c.code = u.country_code
WHERE u.user_id IN (10, 11, 12, 13) ORDER BY u.user_id;

-- name: router_subquery_in
-- ordered
SELECT order_id FROM orders WHERE user_id = 5 AND product_id IN (SELECT product_id FROM orders WHERE user_id = 5 AND quantity > 5)
ORDER BY order_id;

-- name: router_exists
SELECT u.user_id FROM users u WHERE u.user_id = 6 AND EXISTS (SELECT 1 FROM orders o WHERE o.user_id = u.user_id);

-- name: router_cte
WITH mine AS (SELECT * FROM orders WHERE user_id = 1)
SELECT status, count(*) FROM mine GROUP BY status;

-- name: router_window
-- ordered
SELECT order_id, amount, sum(amount) OVER (ORDER BY order_id) AS running, row_number() OVER (ORDER BY amount DESC NULLS LAST, order_id) AS rank_by_amount
FROM orders WHERE user_id = 2 ORDER BY order_id;

-- name: router_distinct_on
-- ordered
SELECT DISTINCT ON (status) status, order_id, amount FROM orders WHERE user_id = 1 ORDER BY status, amount DESC NULLS LAST, order_id;

-- name: router_or_same_key
SELECT count(*) FROM orders WHERE user_id = 1 OR user_id = 2;

-- name: router_key_on_right
SELECT count(*) FROM events WHERE 3 = user_id;

-- name: router_jsonb
-- ordered
SELECT event_id, payload->>'page' AS page, (payload->>'ms')::int AS ms FROM events WHERE user_id = 1 AND payload IS NOT NULL ORDER BY event_id;

-- name: router_arrays
-- ordered
SELECT user_id, tags, array_length(tags, 1), 'vip' = ANY(tags) FROM users WHERE user_id IN (1, 2, 3, 4, 5, 6, 7, 8, 9) ORDER BY user_id;

-- name: router_sessions
-- ordered
SELECT session_id, device, pages FROM sessions WHERE user_id = 1 ORDER BY session_id;

-- name: router_products
SELECT * FROM products WHERE product_id = 42;

-- name: router_aggregate_bool
SELECT bool_and(is_gift), bool_or(is_gift), every(quantity > 0) FROM orders WHERE user_id = 1;

-- name: router_union_same_shard
SELECT order_id FROM orders WHERE user_id = 7 UNION SELECT event_id FROM events WHERE user_id = 7;

-- name: reference_only_scan
SELECT * FROM countries;

-- name: reference_only_join
-- ordered
SELECT c.name, p.name AS parent FROM categories c LEFT JOIN categories p ON p.category_id = c.parent_id ORDER BY c.category_id;

-- name: local_only
SELECT count(*), sum(percent), count(DISTINCT code) FROM promotions;
