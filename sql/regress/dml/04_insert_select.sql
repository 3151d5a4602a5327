-- INSERT ... SELECT: between co-located tables (pushed down), and from non-co-located,
-- reference and local tables (through the coordinator).
-- tables: order_archive, user_stats, orders

-- name: insert_select_colocated
INSERT INTO order_archive (order_id, user_id, product_id, status, amount, note)
SELECT order_id, user_id, product_id, status, amount, 'cancelled' FROM orders WHERE status = 'cancelled';

-- name: insert_select_colocated_returning
INSERT INTO order_archive (order_id, user_id, product_id, status, amount, note)
SELECT order_id, user_id, product_id, status, amount, 'returned' FROM orders WHERE status = 'Returned'
RETURNING order_id, user_id, note;

-- name: insert_select_aggregate_by_key
INSERT INTO user_stats (user_id, order_count, total_amount, last_status)
SELECT user_id, count(*), sum(amount), max(status) FROM orders WHERE user_id > 100 GROUP BY user_id;

-- name: insert_select_on_conflict
INSERT INTO user_stats (user_id, order_count, total_amount, last_status)
SELECT user_id, count(*), coalesce(sum(amount), 0), min(status) FROM orders WHERE user_id <= 100 GROUP BY user_id
ON CONFLICT (user_id) DO UPDATE SET order_count = EXCLUDED.order_count, total_amount = EXCLUDED.total_amount;

-- name: insert_select_from_non_colocated
INSERT INTO order_archive (order_id, user_id, product_id, status, amount, note)
SELECT 100000 + s.session_id, s.user_id, NULL, s.device, s.pages, 'from sessions' FROM sessions s WHERE s.pages > 45;

-- name: insert_select_from_reference
INSERT INTO order_archive (order_id, user_id, product_id, status, amount, note)
SELECT 200000 + c.category_id, c.category_id, NULL, c.name, NULL, 'from categories' FROM categories c;

-- name: insert_select_from_local
INSERT INTO order_archive (order_id, user_id, product_id, status, amount, note)
SELECT 300000 + p.promo_id, p.user_id, p.product_id, p.code, p.percent, 'from promotions' FROM promotions p WHERE p.user_id IS NOT NULL;

-- name: insert_select_join_non_colocated
INSERT INTO order_archive (order_id, user_id, product_id, status, amount, note)
SELECT 400000 + o.order_id, o.user_id, o.product_id, p.name, o.amount, 'joined' FROM orders o JOIN products p ON p.product_id = o.product_id
WHERE p.price > 480;

-- name: insert_select_repartition
INSERT INTO order_archive (order_id, user_id, product_id, status, amount, note)
SELECT 500000 + order_id, product_id, product_id, status, amount, 'by product' FROM orders WHERE product_id IS NOT NULL AND quantity = 10;

-- name: insert_select_generate_series
INSERT INTO order_archive (order_id, user_id, note) SELECT 600000 + g, g, 'generated #' || g FROM generate_series(1, 50) g;

-- name: delete_archive_multi
DELETE FROM order_archive WHERE note = 'joined';

-- name: update_archive_from_orders
UPDATE order_archive a SET amount = o.amount * 2 FROM orders o WHERE o.user_id = a.user_id AND o.order_id = a.order_id;

-- name: insert_select_limit
INSERT INTO order_archive (order_id, user_id, note)
SELECT 700000 + order_id, user_id, 'top' FROM orders ORDER BY amount DESC NULLS LAST, order_id LIMIT 5;
