-- UNION / INTERSECT / EXCEPT across shards.

-- name: union_distinct
SELECT user_id FROM orders UNION SELECT user_id FROM events;

-- name: union_all
SELECT user_id, 'order' AS kind FROM orders WHERE amount > 950 UNION ALL SELECT user_id, 'event' FROM events WHERE duration_ms > 4950;

-- name: intersect
SELECT user_id FROM orders INTERSECT SELECT user_id FROM events;

-- name: intersect_all
SELECT product_id FROM orders WHERE user_id < 50 INTERSECT ALL SELECT product_id FROM orders WHERE user_id >= 50;

-- name: except
SELECT user_id FROM users EXCEPT SELECT user_id FROM orders;

-- name: except_all
SELECT status FROM orders EXCEPT ALL SELECT status FROM orders WHERE is_gift;

-- name: union_with_reference
SELECT country_code FROM users UNION SELECT code FROM countries;

-- name: union_with_local
SELECT user_id FROM promotions UNION SELECT user_id FROM sessions;

-- name: union_ordered_limit
-- ordered
SELECT order_id AS id FROM orders WHERE user_id = 1 UNION SELECT event_id FROM events WHERE user_id > 990 ORDER BY id LIMIT 20;

-- name: union_types_widen
SELECT age::bigint FROM users WHERE user_id < 20 UNION ALL SELECT user_id FROM orders WHERE order_id < 20;

-- name: union_non_colocated
SELECT product_id FROM products WHERE in_stock UNION SELECT product_id FROM orders WHERE quantity = 10;

-- name: union_in_subquery_count
SELECT count(*) FROM (SELECT user_id FROM orders UNION ALL SELECT user_id FROM events) t;
