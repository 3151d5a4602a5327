-- UPDATE and DELETE over all shards, with and without RETURNING.
-- tables: users, orders, events

-- name: update_all_matching
UPDATE orders SET status = upper(status) WHERE status = 'new';

-- name: update_multi_returning
UPDATE orders SET quantity = quantity + 1 WHERE quantity = 9 RETURNING order_id, user_id, quantity;

-- name: update_numeric_rounding
UPDATE users SET balance = balance * 1.1 WHERE country_code = 'SE';

-- name: update_set_null
UPDATE events SET payload = NULL WHERE duration_ms < 50;

-- name: update_float
UPDATE events SET value = value / 3 WHERE event_type = 'click' AND value > 100;

-- name: delete_multi
DELETE FROM events WHERE event_type = 'logout' AND duration_ms > 4000;

-- name: delete_multi_returning
DELETE FROM orders WHERE amount < 5 RETURNING order_id, amount;

-- name: update_with_colocated_subquery
UPDATE orders SET discount = 0.5 WHERE user_id IN (SELECT user_id FROM users WHERE age > 78);

-- name: update_from_colocated
UPDATE orders o SET status = 'vip' FROM users u WHERE u.user_id = o.user_id AND 'vip' = ANY(u.tags) AND o.quantity = 1;

-- name: update_from_reference
UPDATE users u SET email = lower(c.name) || '@example.org' FROM countries c WHERE c.code = u.country_code AND c.region = 'Asia' AND u.age < 25;

-- name: update_from_non_colocated
UPDATE orders o SET discount = 0 FROM products p WHERE p.product_id = o.product_id AND p.in_stock = false;

-- name: delete_using_local
DELETE FROM events e USING promotions p WHERE p.user_id = e.user_id AND p.percent = 50;

-- name: delete_where_exists_colocated
DELETE FROM events e WHERE e.event_type = 'click' AND EXISTS (SELECT 1 FROM orders o WHERE o.user_id = e.user_id AND o.status = 'cancelled');

-- name: update_no_match_multi
UPDATE orders SET amount = 0 WHERE amount < 0;

-- name: update_distribution_column
UPDATE orders SET user_id = user_id + 1 WHERE order_id = 5;

-- name: read_moved_row_router
-- ordered
SELECT order_id, user_id, amount FROM orders WHERE user_id = 891 ORDER BY order_id;

-- name: update_distribution_column_back
UPDATE orders SET user_id = user_id - 1 WHERE order_id = 5;

-- name: delete_multi_returning_expression
DELETE FROM events WHERE event_type IS NULL RETURNING event_id, user_id, coalesce(value, 0) * 2 AS doubled;
