-- Joins: co-located on the distribution column (inner/left), with reference tables, between
-- non-co-located tables (coordinator tier), and with a local coordinator table.

-- name: colocated_inner
SELECT u.user_id, u.name, o.order_id, o.amount FROM users u JOIN orders o ON o.user_id = u.user_id;

-- name: colocated_inner_using
SELECT user_id, count(*) FROM users JOIN events USING (user_id) GROUP BY user_id;

-- name: colocated_inner_where_style
SELECT u.user_id, o.order_id FROM users u, orders o WHERE u.user_id = o.user_id AND o.quantity = 10;

-- name: colocated_left
SELECT u.user_id, o.order_id FROM users u LEFT JOIN orders o ON o.user_id = u.user_id;

-- name: colocated_left_unmatched
SELECT u.user_id, u.name FROM users u LEFT JOIN orders o ON o.user_id = u.user_id WHERE o.order_id IS NULL;

-- name: colocated_left_extra_condition
SELECT u.user_id, count(o.order_id) FROM users u LEFT JOIN orders o ON o.user_id = u.user_id AND o.status = 'paid'
GROUP BY u.user_id;

-- name: colocated_right
SELECT o.order_id, u.name FROM users u RIGHT JOIN orders o ON o.user_id = u.user_id;

-- name: colocated_full
SELECT u.user_id, e.event_id FROM users u FULL JOIN events e ON e.user_id = u.user_id AND e.duration_ms > 4900;

-- name: colocated_three_way
SELECT u.user_id, o.order_id, e.event_id FROM users u JOIN orders o ON o.user_id = u.user_id
JOIN events e ON e.user_id = u.user_id WHERE o.quantity = 1 AND e.event_type = 'purchase';

-- name: colocated_join_aggregate_non_key
SELECT u.country_code, count(*), sum(o.amount) FROM users u JOIN orders o ON o.user_id = u.user_id GROUP BY u.country_code;

-- name: colocated_join_order_limit
-- ordered
SELECT u.user_id, u.name, o.order_id, o.amount FROM users u JOIN orders o ON o.user_id = u.user_id
ORDER BY o.amount DESC NULLS LAST, o.order_id LIMIT 20;

-- name: colocated_self_join
SELECT a.order_id, b.order_id FROM orders a JOIN orders b ON a.user_id = b.user_id AND a.order_id < b.order_id
WHERE a.user_id > 500;

-- name: colocated_join_archive_empty
SELECT count(*) FROM orders o JOIN order_archive a ON a.user_id = o.user_id;

-- name: reference_join
SELECT u.user_id, c.name FROM users u JOIN countries c ON c.code = u.country_code;

-- name: reference_left_join
SELECT u.user_id, c.name, c.region FROM users u LEFT JOIN countries c ON c.code = u.country_code;

-- name: reference_join_group_region
SELECT c.region, count(*), avg(u.age) FROM users u JOIN countries c ON c.code = u.country_code GROUP BY c.region;

-- name: reference_join_products_categories
SELECT p.product_id, p.name, c.name AS category FROM products p LEFT JOIN categories c ON c.category_id = p.category_id;

-- name: reference_and_colocated
SELECT c.region, sum(o.amount) FROM users u JOIN orders o ON o.user_id = u.user_id
JOIN countries c ON c.code = u.country_code GROUP BY c.region;

-- name: reference_join_order_limit
-- ordered
SELECT u.user_id, c.name FROM users u JOIN countries c ON c.code = u.country_code ORDER BY c.name, u.user_id LIMIT 25;

-- name: non_colocated_orders_products
SELECT o.order_id, p.name, p.price FROM orders o JOIN products p ON p.product_id = o.product_id;

-- name: non_colocated_left
SELECT o.order_id, p.name FROM orders o LEFT JOIN products p ON p.product_id = o.product_id WHERE o.user_id > 700;

-- name: non_colocated_aggregate
SELECT p.category_id, count(*), sum(o.amount * o.quantity) FROM orders o JOIN products p ON p.product_id = o.product_id
GROUP BY p.category_id;

-- name: non_colocated_different_shard_count
SELECT u.user_id, count(s.session_id) FROM users u JOIN sessions s ON s.user_id = u.user_id GROUP BY u.user_id;

-- name: non_colocated_sessions_left
SELECT s.session_id, u.name FROM sessions s LEFT JOIN users u ON u.user_id = s.user_id;

-- name: non_colocated_not_on_key
SELECT u.user_id, o.order_id FROM users u JOIN orders o ON o.order_id = u.user_id;

-- name: non_colocated_three_way
SELECT c.name, count(*) FROM orders o JOIN products p ON p.product_id = o.product_id
JOIN categories c ON c.category_id = p.category_id GROUP BY c.name;

-- name: non_colocated_order_limit
-- ordered
SELECT o.order_id, p.product_id, p.price FROM orders o JOIN products p ON p.product_id = o.product_id
ORDER BY p.price DESC NULLS LAST, o.order_id LIMIT 15;

-- name: local_join
SELECT p.promo_id, u.name FROM promotions p JOIN users u ON u.user_id = p.user_id;

-- name: local_left_join
SELECT p.promo_id, p.code, o.order_id FROM promotions p LEFT JOIN orders o ON o.user_id = p.user_id AND o.product_id = p.product_id;

-- name: local_join_aggregate
SELECT p.percent, count(*), sum(o.amount) FROM orders o JOIN promotions p ON p.product_id = o.product_id GROUP BY p.percent;

-- name: cross_join_reference
SELECT count(*) FROM orders o CROSS JOIN countries c;

-- name: lateral_colocated
SELECT u.user_id, last.order_id FROM users u
CROSS JOIN LATERAL (SELECT o.order_id FROM orders o WHERE o.user_id = u.user_id ORDER BY o.order_id DESC LIMIT 1) last;
