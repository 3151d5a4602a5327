-- Run on both connections before the corpus: a session time zone other than the servers' (UTC),
-- with daylight saving time, so timestamptz output and date arithmetic must follow the session.
SET TimeZone = 'America/New_York';
