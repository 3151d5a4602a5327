-- Writes to readings (distributed by a timestamptz) with keys written without an offset, which the
-- session's TimeZone (America/New_York) gives meaning; read back by the instant, written in UTC.
-- tables: readings

-- name: insert_tz_key_without_offset
INSERT INTO readings (taken_at, sensor, value) VALUES
  ('2024-06-01 23:30:00', 1, 1.5), ('2024-11-03 01:30:00', 2, 2.5), ('2024-03-10 02:30:00', 3, 3.5),
  ('2024-01-15 08:00:00', 4, 4.5), ('2024-07-04 12:00:00', 5, 5.5), ('2024-12-25 00:00:00', 6, 6.5);

-- name: read_tz_key_back_with_offset
-- ordered
SELECT taken_at, sensor FROM readings
WHERE taken_at IN ('2024-06-02 03:30:00+00', '2024-11-03 06:30:00+00', '2024-03-10 07:30:00+00',
                   '2024-01-15 13:00:00+00', '2024-07-04 16:00:00+00', '2024-12-25 05:00:00+00')
ORDER BY taken_at;

-- name: update_tz_key_without_offset
UPDATE readings SET value = value * 2 WHERE taken_at = '2024-06-01 23:30:00';

-- name: delete_tz_key_with_offset
DELETE FROM readings WHERE taken_at = '2024-01-15 13:00:00+00';

-- name: read_tz_keys_back_without_offset
-- ordered
SELECT taken_at, sensor, value FROM readings WHERE taken_at IN ('2024-06-01 23:30:00', '2024-01-15 08:00:00')
ORDER BY taken_at;
