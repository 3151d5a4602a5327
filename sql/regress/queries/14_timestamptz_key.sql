-- Reads of readings, distributed by a timestamptz, in the session's TimeZone (America/New_York): a key
-- written without an offset is a New York time, and the router must hash the instant it means.
-- Row i was loaded with taken_at = 2021-01-01 00:00:00+00 + i * 7h13m.

-- name: tz_key_router_without_offset
SELECT taken_at, sensor, value FROM readings WHERE taken_at = '2021-01-03 19:10:00';

-- name: tz_key_router_without_offset_daylight_time
SELECT taken_at, sensor, value FROM readings WHERE taken_at = '2021-04-10 23:09:00';

-- name: tz_key_router_with_offset
SELECT taken_at, sensor FROM readings WHERE taken_at = '2021-03-17 04:10:00+00';

-- name: tz_key_router_in_list_without_offset
-- ordered
SELECT taken_at, sensor FROM readings WHERE taken_at IN ('2021-01-17 22:21:00', '2021-02-06 18:39:00', '2021-03-17 00:10:00')
ORDER BY taken_at;

-- name: tz_key_prepared_style_cast
SELECT sensor FROM readings WHERE taken_at = '2021-02-06 18:39:00'::timestamptz;

-- name: tz_key_range_without_offset
-- ordered
SELECT taken_at, sensor FROM readings WHERE taken_at >= '2021-01-03 00:00:00' AND taken_at < '2021-01-05 00:00:00'
ORDER BY taken_at;

-- name: tz_key_group_by_local_day
-- ordered
SELECT date_trunc('day', taken_at) AS day, count(*), round(avg(value)::numeric, 6) FROM readings
GROUP BY 1 ORDER BY 1 LIMIT 10;
