# sql || comma-separated params (NULL = null)
SELECT * FROM messages WHERE user_id = 12345
SELECT body FROM messages m WHERE m.user_id = $1 AND body <> $2 || 7,x
SELECT body FROM messages m WHERE messages.user_id = $1 || 7
SELECT body FROM messages WHERE messages.user_id = $1 || 7
SELECT body FROM public.messages WHERE user_id = $1 || 7
SELECT body FROM messages WHERE user_id = $1 || NULL
SELECT body FROM messages WHERE user_id = NULL
SELECT body FROM messages WHERE user_id = -5
SELECT body FROM messages WHERE user_id = '5'
SELECT body FROM messages WHERE user_id = 5::bigint
SELECT body FROM messages WHERE 5 = user_id
SELECT body FROM messages WHERE user_id = 5 AND user_id = 6
SELECT body FROM messages WHERE user_id = 5 AND user_id IN (5, 6)
SELECT body FROM messages WHERE user_id = 5 OR user_id = 6
SELECT count(*) FROM messages WHERE user_id = 5
SELECT body, count(*) FROM messages WHERE user_id = 5 GROUP BY body HAVING count(*) > $1 ORDER BY 2 LIMIT 3 || 1
SELECT body FROM messages WHERE user_id = 5 ORDER BY id LIMIT 1
SELECT body FROM messages WHERE user_id = 5 FOR UPDATE
SELECT body, (SELECT 1) FROM messages WHERE user_id = 5
SELECT body FROM messages WHERE user_id = 5 AND id IN (SELECT id FROM accounts WHERE user_id = 5)
SELECT body FROM messages WHERE user_id = 5 AND id IN (SELECT id FROM accounts)
WITH x AS (SELECT * FROM messages WHERE user_id = 5) SELECT * FROM x
SELECT body FROM messages WHERE user_id = 5 UNION SELECT body FROM messages WHERE user_id = 5
UPDATE messages SET body = $2 WHERE user_id = $1 || 9,y
UPDATE messages SET body = 'x' WHERE user_id = 9 RETURNING *
UPDATE messages SET user_id = 10 WHERE user_id = 9
DELETE FROM messages WHERE user_id = $1 AND body = $2 || 3,z
DELETE FROM messages m WHERE m.user_id = 3
DELETE FROM messages USING accounts a WHERE a.user_id = messages.user_id AND messages.user_id = 3
UPDATE messages m SET body = a.body FROM accounts a WHERE a.user_id = m.user_id AND m.user_id = 3
INSERT INTO messages (user_id, body) VALUES ($1, $2) || 4,w
INSERT INTO messages (id, user_id, body) VALUES (1, 2, 'x') ON CONFLICT (id) DO UPDATE SET body = EXCLUDED.body RETURNING id
INSERT INTO messages (user_id, body) VALUES (1, 'a'), ($1, 'b'), (3, $2) RETURNING id || 2,c
INSERT INTO messages (user_id) VALUES (NULL)
INSERT INTO messages (body) VALUES ('x')
SELECT * FROM messages WHERE user_id = 'abc'
SELECT count(*) FROM messages
SELECT * FROM messages WHERE user_id = 1 OR user_id = 2
SELECT * FROM messages m JOIN events e ON e.user_id = m.user_id WHERE m.user_id = 1
SELECT user_id, count(*) FROM messages WHERE user_id IN (1, 2) GROUP BY 1
SELECT a.name FROM accounts a JOIN messages m ON m.user_id = a.user_id JOIN countries c ON c.code = a.country WHERE a.user_id = 42
SELECT * FROM countries
SELECT * FROM countries WHERE code = $1 || de
UPDATE countries SET name = 'x' WHERE code = 'de'
INSERT INTO countries VALUES ('it', 'Italy', 'eu')
INSERT INTO messages (user_id, body) SELECT g, 'x' || g FROM generate_series(1, 10) g
INSERT INTO messages SELECT * FROM events
INSERT INTO messages (user_id, body) SELECT a.user_id, a.body FROM accounts a
SELECT body FROM messages WHERE body <> 'x'
SELECT body FROM messages LIMIT $1 OFFSET 2 || 5
SELECT body FROM messages ORDER BY id DESC NULLS LAST, 1 LIMIT 3
SELECT body FROM messages ORDER BY id DESC NULLS LAST, 1 LIMIT $1 OFFSET $2 || 3,4
SELECT user_id, count(*) FROM messages GROUP BY user_id
SELECT body, count(*), avg(id) FILTER (WHERE id > 0) FROM messages GROUP BY body HAVING sum(id) > 10 ORDER BY 2 DESC
SELECT body, count(*), avg(id) FROM messages WHERE body <> $1 GROUP BY body HAVING sum(id) > $2 ORDER BY 2 DESC LIMIT $3 || q,10,5
SELECT string_agg(DISTINCT body, ',' ORDER BY body), percentile_cont(0.5) WITHIN GROUP (ORDER BY id) FROM messages
SELECT string_agg(body, $1 ORDER BY body) FROM messages WHERE id > $2 || ;,3
SELECT a.body, c.name FROM accounts a JOIN messages m ON m.user_id = a.user_id JOIN countries c ON c.code = a.country
UPDATE messages SET body = 'x' WHERE body IS NULL RETURNING id
UPDATE messages SET body = $1 WHERE body = $2 || a,b
SELECT m.body, e.event_type FROM messages m JOIN events e ON e.user_id = m.id WHERE m.body = $1 AND e.user_id > 3 || hello
SELECT id, rank() OVER (ORDER BY id) FROM messages
SELECT id, rank() OVER (PARTITION BY user_id ORDER BY id) FROM messages
SELECT * FROM messages FOR UPDATE
UPDATE messages m SET body = p.name FROM products p WHERE p.product_id = m.id
SELECT __dg0 FROM messages
SELECT __dg0 FROM t WHERE k = 1
SELECT __dg0, count(*) FROM t GROUP BY __dg0
SELECT count(*) AS __dgcast1 FROM t
SELECT a__dgb, sum(v) FROM t GROUP BY 1 HAVING sum(v) > 0 ORDER BY 1
SELECT DISTINCT v AS __dgVISIBLE FROM t ORDER BY 1
SELECT t.v FROM t JOIN products p ON p.product_id = t.v WHERE t.__dg0 = 'x'
SELECT DISTINCT body FROM messages
SELECT DISTINCT ON (body) body, id FROM messages ORDER BY body, id
SELECT DISTINCT body FROM messages ORDER BY body LIMIT 5
SELECT body, count(DISTINCT id) FROM messages GROUP BY body
SELECT max(id), min(body), bool_and(id > 0), every(id > 1), bool_or(id > 2), sum(id) FROM messages
SELECT count(*) + 1, sum(id) / nullif(count(*), 0) FROM messages
SELECT body FROM messages, generate_series(1, 2) g
SELECT body FROM messages WHERE user_id = $1 LIMIT $2 || 1,2
SELECT * FROM messages WHERE user_id IN ($1, $2) || 1,2
SELECT * FROM messages WHERE user_id = ANY(ARRAY[1, 2])
SELECT * FROM messages m, accounts a WHERE m.user_id = a.user_id AND a.user_id = 5
SELECT * FROM messages m LEFT JOIN accounts a ON m.user_id = a.user_id WHERE m.user_id = 5
SELECT * FROM messages m JOIN accounts a USING (user_id) WHERE m.user_id = 5
SELECT 1 FROM promotions p JOIN messages m ON m.user_id = p.user_id
SELECT 1 FROM messages WHERE user_id = 5 AND id = (SELECT max(id) FROM messages WHERE user_id = 5)
SELECT body FROM messages WHERE (user_id = 5)
SELECT body FROM messages WHERE user_id = 5 AND (id = 1 OR id = 2)
SELECT body FROM messages WHERE NOT (user_id <> 5)
SELECT body FROM messages WHERE user_id = 5 ORDER BY body COLLATE "C"
SELECT body FROM messages ORDER BY body COLLATE "C"
SELECT body FROM messages WHERE user_id = 1.5
SELECT body FROM messages WHERE user_id = 99999999999999999999
DELETE FROM messages
DELETE FROM messages WHERE user_id IN (1, 2, 3, 4, 5, 6, 7, 8)
VALUES (1)
SELECT 1
SELECT * FROM readings WHERE taken_at = '2024-01-01 00:00:00'
SELECT * FROM readings WHERE taken_at = $1 || 2024-01-01 00:00:00
