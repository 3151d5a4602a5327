-- Writes whose stored value depends on the session's TimeZone (session.sql sets America/New_York):
-- a timestamptz literal without an offset, and a timestamptz-to-date cast.
-- tables: orders

-- name: insert_timestamptz_without_offset
INSERT INTO orders (order_id, user_id, status, ordered_at) VALUES (20001, 5, 'tz', '2024-06-01 23:30:00');

-- name: update_timestamptz_to_date
UPDATE orders SET ship_date = (ordered_at + INTERVAL '1 hour')::date WHERE user_id = 6;

-- name: read_back_router
-- ordered
SELECT order_id, ordered_at, ship_date FROM orders WHERE user_id IN (5) ORDER BY order_id;
