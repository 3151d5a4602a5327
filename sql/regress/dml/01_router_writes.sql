-- Writes pinned to one shard (group) by the distribution column.
-- tables: users, orders, events

-- name: insert_single_user
INSERT INTO users (user_id, name, email, country_code, age, score, balance, is_active, signup_date, created_at, last_login, tags, profile)
VALUES (2001, 'Neu', 'neu@example.com', 'DE', 33, 12.25, 10.50, true, '2024-02-29', '2024-02-29 12:00:00+00', '2024-03-01 08:30:00', '{new}', '{"plan": "free"}');

-- name: insert_multi_row_users
INSERT INTO users (user_id, name, country_code, age, balance) VALUES
  (2002, 'Ölaf', 'SE', 41, 1234.56), (2003, '', NULL, NULL, -0.01), (2004, NULL, 'ZZ', 18, 0), (3000000002, 'Big', 'US', 70, 99999.99);

-- name: insert_returning
INSERT INTO orders (order_id, user_id, product_id, status, quantity, amount, discount, is_gift, ordered_at, ship_date)
VALUES (10001, 2001, 5, 'new', 2, 19.99, 0.1, false, '2024-03-01 10:00:00+00', NULL)
RETURNING order_id, user_id, amount, ordered_at;

-- name: insert_multi_row_orders_returning_star
INSERT INTO orders (order_id, user_id, product_id, status, quantity, amount, is_gift, ordered_at) VALUES
  (10002, 1, 7, 'paid', 1, 5.00, true, '2024-03-02 00:00:00+00'),
  (10003, 2002, NULL, NULL, NULL, NULL, false, '2024-03-03 00:00:00+00'),
  (10004, 999, 200, 'shipped', 10, 999.99, false, '2024-03-04 00:00:00+00')
RETURNING *;

-- name: update_router
UPDATE users SET age = age + 1, score = score * 2 WHERE user_id = 7;

-- name: update_router_returning
UPDATE orders SET status = 'shipped', ship_date = DATE '2024-03-01' WHERE user_id = 1 AND status = 'paid'
RETURNING order_id, status, ship_date;

-- name: update_router_in_list
UPDATE users SET is_active = NOT is_active WHERE user_id IN (10, 20, 30);

-- name: update_router_no_match
UPDATE users SET age = 1 WHERE user_id = 123456789;

-- name: update_router_jsonb_returning
UPDATE users SET profile = coalesce(profile, '{}') || '{"vip": true}' WHERE user_id = 5 RETURNING user_id, profile;

-- name: delete_router
DELETE FROM events WHERE user_id = 2 AND event_type = 'view';

-- name: delete_router_returning
DELETE FROM orders WHERE user_id = 3 AND quantity < 3 RETURNING order_id, quantity;

-- name: delete_router_using_colocated
DELETE FROM orders o USING users u WHERE o.user_id = u.user_id AND u.user_id = 4 AND o.amount > 500;

-- name: insert_default_columns
INSERT INTO events (event_id, user_id) VALUES (5001, 2001);

-- name: insert_duplicate_key
-- error
INSERT INTO users (user_id, name) VALUES (1, 'duplicate');

-- name: insert_null_distribution_key
-- error
INSERT INTO orders (order_id, user_id) VALUES (10005, NULL);
