-- Common table expressions.

-- name: cte_simple
WITH paid AS (SELECT * FROM orders WHERE status = 'paid') SELECT count(*), sum(amount) FROM paid;

-- name: cte_grouped_by_key
WITH per_user AS (SELECT user_id, sum(amount) AS total FROM orders GROUP BY user_id)
SELECT u.name, p.total FROM per_user p JOIN users u ON u.user_id = p.user_id;

-- name: cte_two
WITH a AS (SELECT user_id FROM orders WHERE is_gift), b AS (SELECT user_id FROM events WHERE event_type = 'purchase')
SELECT count(*) FROM a JOIN b USING (user_id);

-- name: cte_used_twice
WITH big AS (SELECT order_id, user_id, amount FROM orders WHERE amount > 900)
SELECT (SELECT count(*) FROM big), (SELECT max(amount) FROM big);

-- name: cte_materialized
WITH stats AS MATERIALIZED (SELECT country_code, count(*) AS n FROM users GROUP BY country_code)
SELECT * FROM stats WHERE n > 50;

-- name: cte_not_materialized
WITH s AS NOT MATERIALIZED (SELECT * FROM events WHERE duration_ms < 100) SELECT event_type, count(*) FROM s GROUP BY event_type;

-- name: cte_order_limit
-- ordered
WITH ranked AS (SELECT user_id, count(*) AS n FROM orders GROUP BY user_id)
SELECT user_id, n FROM ranked ORDER BY n DESC, user_id LIMIT 5;

-- name: cte_recursive_over_reference
-- ordered
WITH RECURSIVE tree AS (
    SELECT category_id, name, parent_id, 1 AS depth FROM categories WHERE parent_id IS NULL
    UNION ALL
    SELECT c.category_id, c.name, c.parent_id, t.depth + 1 FROM categories c JOIN tree t ON c.parent_id = t.category_id
)
SELECT category_id, name, depth FROM tree ORDER BY category_id;

-- name: cte_recursive_numbers_with_table
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20)
SELECT n.i, count(u.user_id) FROM n LEFT JOIN users u ON u.age = n.i + 20 GROUP BY n.i;

-- name: cte_reference_and_distributed
WITH eu AS (SELECT code FROM countries WHERE region = 'Europe')
SELECT u.country_code, count(*) FROM users u JOIN eu ON eu.code = u.country_code GROUP BY u.country_code;

-- name: cte_local_table
WITH big_promos AS (SELECT user_id FROM promotions WHERE percent > 30)
SELECT count(*) FROM orders WHERE user_id IN (SELECT user_id FROM big_promos);
