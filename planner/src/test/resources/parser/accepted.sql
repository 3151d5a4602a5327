SELECT 1

SELECT * FROM messages WHERE id = $1

SELECT * FROM messages WHERE tenant_id = $1 AND id = $2

SELECT * FROM messages WHERE id = ?

SELECT a, b FROM t WHERE a IN ($1, $2, $3)

SELECT * FROM public.messages m WHERE m.tenant_id = 7

SELECT "Name", "createdAt" FROM "Users" WHERE "Users"."Id" = 1

SELECT * FROM "Public"."Mixed Case" AS mc

SELECT value, year, position, result, role, level, start, size, path, version, data, name, type, key FROM t

INSERT INTO messages (tenant_id, id, body) VALUES ($1, $2, $3)

INSERT INTO messages (tenant_id, id, body) VALUES (1, 1, 'a'), (1, 2, 'b'), (2, 3, 'c')

INSERT INTO messages VALUES (1, 2, 'x')

INSERT INTO messages (tenant_id, id) SELECT tenant_id, id FROM staging WHERE ok

INSERT INTO messages DEFAULT VALUES

INSERT INTO messages (tenant_id, id) VALUES (1, 2) RETURNING id

INSERT INTO messages (tenant_id, id) VALUES (1, 2) RETURNING *

INSERT INTO messages (tenant_id, id) VALUES (1, 2) RETURNING id, body AS b, tenant_id + 1

INSERT INTO counters (k, n) VALUES ('a', 1) ON CONFLICT (k) DO NOTHING

INSERT INTO counters (k, n) VALUES ('a', 1) ON CONFLICT DO NOTHING

INSERT INTO counters (k, n) VALUES ('a', 1) ON CONFLICT ON CONSTRAINT counters_pkey DO NOTHING

INSERT INTO counters (k, n) VALUES ('a', 1) ON CONFLICT (k) DO UPDATE SET n = counters.n + EXCLUDED.n

INSERT INTO counters AS c (k, n) VALUES ('a', 1) ON CONFLICT (k) DO UPDATE SET n = c.n + excluded.n WHERE c.n < 100 RETURNING c.n

INSERT INTO counters (tenant_id, k, n) VALUES ($1, $2, $3) ON CONFLICT (tenant_id, k) WHERE k IS NOT NULL DO UPDATE SET n = EXCLUDED.n, k = DEFAULT

UPDATE messages SET body = 'x' WHERE id = 1

UPDATE messages SET body = $1, edited = true WHERE tenant_id = $2 AND id = $3 RETURNING *

UPDATE messages AS m SET body = s.body FROM staging s WHERE m.id = s.id

UPDATE messages m SET body = upper(body) WHERE m.id = 1 RETURNING m.id, m.body

UPDATE counters SET n = n + 1 FROM a JOIN b ON a.id = b.id WHERE counters.k = a.k

DELETE FROM messages WHERE id = 1

DELETE FROM messages WHERE id = $1 RETURNING id, body

DELETE FROM messages AS m USING staging s WHERE m.id = s.id

DELETE FROM messages m WHERE m.created_at < now() - INTERVAL '30 days' RETURNING *

SELECT x::int FROM t

SELECT x::int[] FROM t

SELECT '{1,2}'::int[], '{{1},{2}}'::text[][]

SELECT x::timestamp with time zone, y::timestamp without time zone, z::timestamptz FROM t

SELECT x::varchar(10), y::numeric(10, 2), z::double precision, w::character varying(3) FROM t

SELECT -1::int, (a + b)::bigint, a::text::int FROM t

SELECT CAST(x AS int[]), CAST(y AS text) FROM t

SELECT ARRAY[1, 2, 3], ARRAY['a', 'b'], (ARRAY[1, 2])[1]

SELECT INTERVAL '1 day', interval '7 days', INTERVAL '1' DAY, now() + interval '2 hours'

SELECT E'line\nnext', E'it''s', e'\x41\101'

SELECT $$dollar quoted 'text'$$

SELECT created_at AT TIME ZONE 'UTC' FROM events

SELECT created_at AT TIME ZONE 'UTC' AT TIME ZONE 'Europe/Amsterdam' AS local_time FROM events

SELECT DISTINCT ON (tenant_id) tenant_id, id, body FROM messages ORDER BY tenant_id, id DESC

SELECT DISTINCT ON (a, lower(b)) a, b FROM t ORDER BY a, lower(b)

SELECT DISTINCT a FROM t

SELECT * FROM jobs WHERE state = 'ready' ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED

SELECT * FROM jobs j WHERE id = 1 FOR UPDATE OF j NOWAIT

SELECT * FROM jobs FOR SHARE

SELECT * FROM jobs FOR NO KEY UPDATE

SELECT * FROM jobs FOR KEY SHARE

SELECT * FROM a JOIN b ON a.id = b.id FOR UPDATE OF a FOR SHARE OF b

SELECT doc->'a', doc->>'b', doc#>'{a,b}', doc#>>'{a,b}' FROM docs

SELECT * FROM docs WHERE doc @> '{"a": 1}' AND '{"a": 1}' <@ doc

SELECT * FROM docs WHERE doc ? 'a' AND doc ?| ARRAY['b', 'c'] AND doc ?& ARRAY['d']

SELECT * FROM docs WHERE doc->>'name' = $1

SELECT coalesce(doc->'a'->>'b', 'none') FROM docs

SELECT * FROM t WHERE tags && ARRAY['x'] AND tsv @@ to_tsquery('cat')

SELECT * FROM users WHERE email ILIKE '%@example.com'

SELECT * FROM users WHERE name NOT ILIKE 'a%' AND name LIKE 'b%'

SELECT * FROM users WHERE name ~ '^a' OR name ~* 'B' OR name !~ 'c' OR name !~* 'd'

SELECT * FROM t ORDER BY a LIMIT 10 OFFSET 20

SELECT * FROM t LIMIT ALL

SELECT * FROM t OFFSET 5

SELECT * FROM t LIMIT $1 OFFSET $2

SELECT count(*) FILTER (WHERE state = 'done'), count(*) FROM jobs

SELECT string_agg(name, ',' ORDER BY name) FROM users

SELECT array_agg(x ORDER BY y DESC) FROM t

SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY latency) FROM requests

SELECT percentile_disc(0.9) WITHIN GROUP (ORDER BY latency DESC) FROM requests

WITH recent AS (SELECT * FROM messages WHERE created_at > now() - interval '1 day') SELECT count(*) FROM recent

WITH a AS (SELECT 1 AS x), b AS (SELECT x FROM a) SELECT * FROM b

WITH RECURSIVE r (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 10) SELECT sum(n) FROM r

SELECT id, row_number() OVER (PARTITION BY tenant_id ORDER BY created_at) FROM messages

SELECT id, sum(amount) OVER w FROM payments WINDOW w AS (PARTITION BY account ORDER BY ts ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)

SELECT id, lag(amount, 1) OVER (ORDER BY ts), rank() OVER (ORDER BY amount DESC) FROM payments

SELECT tenant_id, count(*) FROM messages GROUP BY tenant_id HAVING count(*) > 10

SELECT * FROM a LEFT JOIN b ON a.id = b.a_id LEFT OUTER JOIN c USING (id)

SELECT * FROM a CROSS JOIN b

SELECT * FROM a, b WHERE a.id = b.id

SELECT * FROM a FULL OUTER JOIN b ON a.id = b.id

SELECT * FROM (SELECT id FROM messages) AS sub WHERE sub.id > 1

SELECT * FROM messages WHERE tenant_id IN (SELECT id FROM tenants WHERE active)

SELECT * FROM messages m WHERE EXISTS (SELECT 1 FROM flags f WHERE f.message_id = m.id)

SELECT a FROM t UNION SELECT a FROM u

SELECT a FROM t UNION ALL SELECT a FROM u ORDER BY a LIMIT 5

SELECT a FROM t INTERSECT SELECT a FROM u EXCEPT SELECT a FROM v

SELECT CASE WHEN a > 0 THEN 'pos' WHEN a < 0 THEN 'neg' ELSE 'zero' END FROM t

SELECT coalesce(a, 0), nullif(b, ''), greatest(a, b), least(a, b) FROM t

SELECT lower(name) || ' ' || upper(name), length(name), substring(name from 1 for 3) FROM users

SELECT extract(year from created_at), date_trunc('day', created_at) FROM events

SELECT now(), current_timestamp, current_date, current_user

SELECT a % 2, a ^ 2, a / 2, -a FROM t

SELECT * FROM t WHERE a BETWEEN 1 AND 10 AND b IS NOT NULL AND c IS DISTINCT FROM d

SELECT * FROM t WHERE a != 1 AND b <> 2

SELECT * FROM t ORDER BY a DESC NULLS LAST, b ASC NULLS FIRST

SELECT * FROM t WHERE a = ANY(ARRAY[1, 2]) AND b = ANY($1)

SELECT * FROM t WHERE (a, b) = (1, 2)

SELECT * FROM generate_series(1, 10) AS g(n)

SELECT 'é', 'ünïcödé', '日本'

SELECT 1;

select * from MESSAGES where ID = 1

SELECT *
FROM messages
WHERE id = 1

-- leading comment
SELECT /* inline */ 1 -- trailing

SELECT		tab_separated	FROM	t

SELECT * FROM jobs FOR UPDATE

SELECT * FROM jobs j FOR SHARE SKIP LOCKED
