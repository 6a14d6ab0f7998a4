-- 0013: a request's derived status is written in UPPER_SNAKE like the other
-- enums ("DIAJUKAN", was "diajukan"). The status is never synced (every device
-- derives it from the synced events into this table), so rewriting the local
-- rows is the whole change.
UPDATE mutasi_status SET status = upper(status) WHERE status <> upper(status);
