-- Subqueries in FROM, WHERE, EXISTS and IN; correlated and not.

-- name: from_subquery_aggregate
SELECT status, avg(total) FROM (SELECT status, amount * quantity AS total FROM orders) t GROUP BY status;

-- name: from_subquery_grouped_by_key
SELECT avg(n), max(n), count(*) FROM (SELECT user_id, count(*) AS n FROM orders GROUP BY user_id) per_user;

-- name: from_subquery_join
SELECT u.user_id, t.n FROM users u JOIN (SELECT user_id, count(*) AS n FROM events GROUP BY user_id) t ON t.user_id = u.user_id;

-- name: from_subquery_limit
SELECT sum(amount) FROM (SELECT amount FROM orders ORDER BY amount DESC NULLS LAST, order_id LIMIT 10) top;

-- name: where_in_subquery_same_key
SELECT user_id, name FROM users WHERE user_id IN (SELECT user_id FROM orders WHERE amount > 990);

-- name: where_in_subquery_other_column
SELECT order_id FROM orders WHERE product_id IN (SELECT product_id FROM products WHERE price > 490);

-- name: where_in_subquery_reference
SELECT user_id FROM users WHERE country_code IN (SELECT code FROM countries WHERE region = 'Europe');

-- name: where_in_subquery_local
SELECT order_id FROM orders WHERE user_id IN (SELECT user_id FROM promotions WHERE percent >= 45);

-- name: where_not_in_subquery
SELECT count(*) FROM users WHERE user_id NOT IN (SELECT user_id FROM orders);

-- name: where_not_in_with_null
SELECT count(*) FROM orders WHERE product_id NOT IN (SELECT product_id FROM promotions);

-- name: exists_correlated_colocated
SELECT u.user_id FROM users u WHERE EXISTS (SELECT 1 FROM events e WHERE e.user_id = u.user_id AND e.event_type = 'Login');

-- name: not_exists_correlated
SELECT u.user_id FROM users u WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.user_id = u.user_id);

-- name: exists_non_colocated
SELECT p.product_id FROM products p WHERE EXISTS (SELECT 1 FROM orders o WHERE o.product_id = p.product_id AND o.quantity = 10);

-- name: scalar_subquery_uncorrelated
SELECT order_id, amount FROM orders WHERE amount > (SELECT avg(amount) * 1.9 FROM orders);

-- name: scalar_subquery_in_select
SELECT user_id, (SELECT count(*) FROM orders o WHERE o.user_id = u.user_id) AS n FROM users u WHERE u.user_id > 950;

-- name: scalar_subquery_reference
SELECT u.user_id, (SELECT c.name FROM countries c WHERE c.code = u.country_code) FROM users u;

-- name: any_subquery
SELECT count(*) FROM orders WHERE amount > ANY (SELECT price FROM products WHERE category_id = 3);

-- name: all_subquery
SELECT count(*) FROM orders WHERE quantity >= ALL (SELECT quantity FROM orders WHERE quantity IS NOT NULL);

-- name: nested_subqueries
SELECT count(*) FROM users WHERE user_id IN (SELECT user_id FROM orders WHERE product_id IN (SELECT product_id FROM products WHERE in_stock));

-- name: subquery_in_having
SELECT user_id, count(*) FROM orders GROUP BY user_id HAVING count(*) > (SELECT count(*) / 300 FROM orders);

-- name: derived_table_with_window
SELECT user_id, order_id FROM (SELECT user_id, order_id, row_number() OVER (PARTITION BY user_id ORDER BY amount DESC NULLS LAST, order_id) AS rn FROM orders) t WHERE rn = 1;
