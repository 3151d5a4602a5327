-- Writes to reference and local tables, also fed from distributed tables.
-- tables: countries, categories, promotions

-- name: insert_reference
INSERT INTO countries VALUES ('MX', 'México', 'Americas');

-- name: update_reference_returning
UPDATE countries SET region = 'Europe' WHERE region IS NULL RETURNING code, region;

-- name: delete_reference
DELETE FROM categories WHERE name = '';

-- name: insert_local
INSERT INTO promotions VALUES (101, 1, 1, 10, '2024-01-01', 'NEW');

-- name: update_local_returning
UPDATE promotions SET percent = percent + 5 WHERE percent < 10 RETURNING promo_id, percent;

-- name: insert_local_select_from_distributed
INSERT INTO promotions (promo_id, user_id, product_id, percent, starts_on, code)
SELECT 1000 + order_id, user_id, product_id, 99, ship_date, status FROM orders WHERE quantity = 10 AND order_id < 500;

-- name: insert_reference_select_from_distributed
INSERT INTO categories SELECT 100 + product_id, name, NULL FROM products WHERE product_id <= 5;

-- name: update_local_from_distributed
UPDATE promotions p SET code = 'USED' WHERE EXISTS (SELECT 1 FROM orders o WHERE o.user_id = p.user_id AND o.product_id = p.product_id);
