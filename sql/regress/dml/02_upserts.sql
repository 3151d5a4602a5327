-- INSERT ... ON CONFLICT.
-- tables: user_stats, users

-- name: on_conflict_do_nothing
INSERT INTO user_stats VALUES (1, 5, 10.00, 'x') ON CONFLICT DO NOTHING;

-- name: on_conflict_target_do_nothing_returning
INSERT INTO user_stats VALUES (2, 5, 10.00, 'x') ON CONFLICT (user_id) DO NOTHING RETURNING user_id;

-- name: on_conflict_do_update_returning
INSERT INTO user_stats VALUES (2, 3, 30.00, 'paid')
ON CONFLICT (user_id) DO UPDATE SET order_count = user_stats.order_count + EXCLUDED.order_count, last_status = EXCLUDED.last_status
RETURNING *;

-- name: on_conflict_multi_row
INSERT INTO user_stats VALUES (3, 1, 1.00, 'new'), (60, 2, 2.00, 'new'), (61, 3, 3.50, NULL)
ON CONFLICT (user_id) DO UPDATE SET total_amount = EXCLUDED.total_amount;

-- name: on_conflict_update_where
INSERT INTO user_stats VALUES (60, 100, 100.00, 'big'), (4, 100, 100.00, 'big')
ON CONFLICT (user_id) DO UPDATE SET order_count = EXCLUDED.order_count WHERE user_stats.order_count < 1;

-- name: on_conflict_on_constraint
INSERT INTO user_stats VALUES (5, 9, 9.00, 'c') ON CONFLICT ON CONSTRAINT user_stats_pkey DO UPDATE SET last_status = 'constraint';

-- name: upsert_users_returning
INSERT INTO users (user_id, name) VALUES (8, 'Renamed'), (2005, 'Fresh')
ON CONFLICT (user_id) DO UPDATE SET name = EXCLUDED.name RETURNING user_id, name, age;
