-- PostgreSQL syntax and semantics that differ from standard SQL or Calcite: casts, ILIKE,
-- escape strings, intervals, arrays, CASE, COALESCE, date functions, integer division,
-- byte-order text comparison, numeric scale, jsonb.

-- name: double_colon_casts
SELECT user_id::text, age::numeric(5,1), balance::int, score::numeric(10,3), signup_date::timestamp FROM users WHERE user_id < 30;

-- name: cast_function_syntax
SELECT CAST(amount AS text), CAST(quantity AS float8), CAST(ordered_at AS date) FROM orders WHERE order_id < 40;

-- name: ilike
SELECT user_id, name FROM users WHERE name ILIKE 'ana%';

-- name: ilike_accent
SELECT user_id, name FROM users WHERE name ILIKE '%É%' OR name ILIKE 'z_e';

-- name: like_case_sensitive
SELECT user_id, name FROM users WHERE name LIKE 'A%';

-- name: not_ilike
SELECT count(*) FROM users WHERE name NOT ILIKE '%o%';

-- name: regex_match
SELECT user_id, name FROM users WHERE name ~ '^[A-Z]' AND name !~* 'bob';

-- name: escape_string_tab
SELECT user_id, name FROM users WHERE name = E'tab\there';

-- name: escape_string_quote
SELECT user_id, name FROM users WHERE name = E'O\'Brien' OR name = 'O''Brien';

-- name: interval_arithmetic
SELECT order_id, ordered_at + INTERVAL '1 day', ordered_at - interval '2 hours 30 minutes' FROM orders WHERE order_id < 30;

-- name: interval_filter
SELECT count(*) FROM orders WHERE ordered_at > TIMESTAMPTZ '2024-01-01 00:00:00+00' - INTERVAL '30 days';

-- name: date_minus_date
SELECT order_id, ship_date - DATE '2020-01-01' AS days, ship_date + 7 AS week_later FROM orders WHERE ship_date IS NOT NULL AND order_id < 200;

-- name: timestamp_difference
SELECT event_id, occurred_at - TIMESTAMP '2021-01-01 00:00:00' FROM events WHERE event_id < 50;

-- name: array_literal_contains
SELECT user_id, tags FROM users WHERE tags @> ARRAY['vip'];

-- name: array_literal_cast
SELECT product_id, labels FROM products WHERE labels && '{1,2}'::int[];

-- name: array_any_literal
SELECT user_id FROM users WHERE country_code = ANY('{DE,FR}'::text[]);

-- name: array_subscript_and_functions
SELECT user_id, tags[1], cardinality(tags), array_to_string(tags, '+') FROM users WHERE tags IS NOT NULL AND user_id < 120;

-- name: unnest_array
SELECT tag, count(*) FROM (SELECT unnest(tags) AS tag FROM users) t GROUP BY tag;

-- name: case_searched
SELECT order_id, CASE WHEN amount > 500 THEN 'big' WHEN amount > 100 THEN 'medium' WHEN amount IS NULL THEN 'unknown' ELSE 'small' END FROM orders;

-- name: case_simple
SELECT CASE status WHEN 'paid' THEN 1 WHEN 'shipped' THEN 2 ELSE 0 END AS code, count(*) FROM orders GROUP BY 1;

-- name: coalesce_nullif
SELECT user_id, coalesce(name, '(none)'), nullif(email, ''), coalesce(age, -1) FROM users;

-- name: greatest_least
SELECT order_id, greatest(quantity, 3), least(amount, 100.00) FROM orders;

-- name: date_trunc_and_extract
SELECT date_trunc('week', occurred_at), extract(dow FROM occurred_at), extract(epoch FROM occurred_at), count(*) FROM events GROUP BY 1, 2, 3;

-- name: extract_from_timestamptz
SELECT extract(year FROM created_at), extract(month FROM created_at), count(*) FROM users GROUP BY 1, 2;

-- name: integer_division_and_modulo
SELECT user_id, age / 7, age % 7, -age / 7, user_id / 3 FROM users WHERE user_id < 100;

-- name: integer_division_aggregate
SELECT sum(quantity) / count(quantity), sum(quantity)::numeric / count(quantity) FROM orders;

-- name: numeric_scale
SELECT order_id, amount * 1.5, amount / 3, round(amount / 7, 4), amount * discount::numeric, amount + 0.001 FROM orders WHERE order_id < 100;

-- name: numeric_scale_aggregate
SELECT sum(amount * 1.005), avg(amount * 2), sum(amount) / 3 FROM orders;

-- name: float_text_output
SELECT event_id, value, value * 3, value / 7, sqrt(abs(value)) FROM events WHERE event_id < 100;

-- name: text_comparison_byte_order
SELECT user_id, name FROM users WHERE name > 'Zoe' AND name < 'zzz';

-- name: text_min_max_byte_order
SELECT min(name), max(name), min(lower(name)), max(upper(name)) FROM users WHERE name <> '';

-- name: text_concat_and_functions
SELECT user_id, name || '/' || coalesce(country_code, '?'), length(name), upper(name), initcap(name), substr(name, 2, 3) FROM users WHERE user_id < 60;

-- name: string_functions_unicode
SELECT name, length(name), octet_length(name), reverse(name), position('a' IN name) FROM users WHERE name IS NOT NULL GROUP BY name;

-- name: jsonb_operators
SELECT user_id, profile->'prefs'->>'theme', profile @> '{"plan": "pro"}', profile ? 'level' FROM users WHERE profile IS NOT NULL;

-- name: jsonb_path_and_cast
SELECT (profile->>'level')::int + 1, profile #>> '{prefs,theme}' FROM users WHERE user_id < 50;

-- name: boolean_expressions
SELECT user_id, is_active IS TRUE, is_active IS NOT FALSE, NOT is_active, is_active IS DISTINCT FROM true FROM users;

-- name: between_symmetric_and_in_list
SELECT count(*) FROM orders WHERE quantity BETWEEN SYMMETRIC 8 AND 3 AND status IN ('paid', 'new');

-- name: to_char_formatting
SELECT to_char(ordered_at, 'YYYY-MM-DD HH24'), to_char(amount, 'FM999990.00') FROM orders WHERE order_id < 25;

-- name: generate_series_join
SELECT g, count(o.order_id) FROM generate_series(1, 10) g LEFT JOIN orders o ON o.quantity = g GROUP BY g;

-- name: values_join
SELECT v.label, count(*) FROM orders o JOIN (VALUES ('paid', 'P'), ('new', 'N')) v(status, label) ON v.status = o.status GROUP BY v.label;

-- name: dollar_quoted_string
SELECT count(*) FROM users WHERE name = $$O'Brien$$;

-- name: quoted_identifier_alias
-- ordered
SELECT user_id AS "User Id", name AS "Name" FROM users ORDER BY "User Id" LIMIT 5;

-- name: is_distinct_from_null
SELECT count(*) FROM users WHERE country_code IS DISTINCT FROM 'US';

-- The same syntax pinned to one shard, so the parser's fidelity is checked on the router tier too.

-- name: router_casts_and_intervals
SELECT user_id::text, age::numeric(5,1), balance::int, created_at + INTERVAL '1 day', last_login - interval '90 minutes'
FROM users WHERE user_id = 11;

-- name: router_ilike_and_escape_strings
SELECT count(*) FILTER (WHERE name ILIKE 'a%'), count(*) FILTER (WHERE name = E'tab\there'), count(*) FILTER (WHERE name <> E'O\'Brien')
FROM users WHERE user_id = 12;

-- name: router_array_literals
SELECT tags @> ARRAY['vip'], tags && '{new,beta}'::text[], coalesce(tags[1], '-'), country_code = ANY('{DE,FR,US}'::text[])
FROM users WHERE user_id = 13;

-- name: router_case_coalesce_greatest
-- ordered
SELECT order_id, CASE WHEN amount > 500 THEN 'big' WHEN amount IS NULL THEN 'unknown' ELSE 'small' END,
       coalesce(status, '?'), nullif(quantity, 1), greatest(quantity, 3), least(amount, 100.00)
FROM orders WHERE user_id = 1 ORDER BY order_id;

-- name: router_date_functions
-- ordered
SELECT order_id, date_trunc('month', ordered_at), extract(dow FROM ordered_at), ship_date - DATE '2020-01-01', to_char(ordered_at, 'YYYY-MM-DD HH24')
FROM orders WHERE user_id = 2 ORDER BY order_id;

-- name: router_integer_division_numeric_scale
-- ordered
SELECT order_id, quantity / 3, quantity % 3, -quantity / 4, amount / 3, round(amount / 7, 4), amount * 1.5
FROM orders WHERE user_id = 3 ORDER BY order_id;

-- name: router_text_functions
SELECT name, lower(name), upper(name), length(name), octet_length(name), name || '!' , name < 'Zoe', initcap(name)
FROM users WHERE user_id = 14;

-- name: router_jsonb_operators
SELECT profile->'prefs'->>'theme', profile @> '{"plan": "pro"}', profile ? 'level', profile #>> '{prefs,theme}'
FROM users WHERE user_id = 15;

-- name: router_boolean_and_null_tests
SELECT is_active IS TRUE, is_active IS NOT FALSE, is_active IS DISTINCT FROM true, name IS NULL, email = ''
FROM users WHERE user_id = 16;

-- name: router_float_output
-- ordered
SELECT event_id, value, value * 3, value / 7 FROM events WHERE user_id = 1 ORDER BY event_id;

-- name: router_distinct_and_group_ordinal
-- ordered
SELECT status, count(*), sum(amount) FROM orders WHERE user_id = 1 GROUP BY 1 ORDER BY 1 NULLS FIRST;

-- name: router_having_and_limit_offset
-- ordered
SELECT product_id, count(*) FROM orders WHERE user_id = 1 GROUP BY product_id HAVING count(*) >= 1
ORDER BY count(*) DESC, product_id NULLS FIRST LIMIT 5 OFFSET 2;
