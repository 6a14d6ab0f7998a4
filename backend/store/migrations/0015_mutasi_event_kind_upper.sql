-- 0015: workflow event kinds are written in UPPER_SNAKE like every other
-- enum ("SETUJUI_OPD_ASAL", was "setujui_opd_asal"; sync schema 4). The
-- events are synced: the server rewrites its copy the same way and translates
-- for devices still at schema 3 (docs/sync-protocol.md "Schema versions"), so
-- every device rewrites its own rows here, through the write guard, without
-- queueing changes. Unsent events in the outbox are rewritten too and marked
-- schema 4, so what is pushed matches what is stored.
INSERT OR IGNORE INTO sync_write_ok(one) VALUES (1);
UPDATE mutasi_event SET kind = upper(kind) WHERE kind <> upper(kind);
DELETE FROM sync_write_ok;
UPDATE outbox SET data = json_set(data, '$.kind', upper(json_extract(data, '$.kind'))), schema_version = 4
WHERE tbl = 'mutasi_event' AND status IS NULL AND json_type(data, '$.kind') = 'text'
  AND json_extract(data, '$.kind') <> upper(json_extract(data, '$.kind'));
