-- 0011: two workflow events may claim one step of a request. The portal and
-- a desktop (or two desktops) that decided on the same state while apart
-- both keep their event; the server keeps both and opens an
-- incompatible-decision conflict. Every device shows both and replays them
-- the same way (backend/transfer ReplayLog: the event made first takes the
-- step, the other is kept as "ditolak oleh alur kerja"), so the
-- UNIQUE (usulan_id, seq) goes. SQLite cannot drop it in place: the table is
-- rebuilt as in 0008.
CREATE TABLE mutasi_event_0010 AS SELECT * FROM mutasi_event;
DROP TABLE mutasi_event;
CREATE TABLE mutasi_event (
    id        TEXT PRIMARY KEY,
    usulan_id TEXT NOT NULL REFERENCES mutasi_usulan(id) DEFERRABLE INITIALLY DEFERRED,
    seq       INTEGER NOT NULL,
    kind      TEXT NOT NULL,
    aktor     TEXT NOT NULL, -- JSON transfer.Actor
    waktu     TEXT NOT NULL,
    catatan   TEXT NOT NULL DEFAULT '',
    payload   TEXT NOT NULL DEFAULT '{}' -- JSON transfer.Payload
);
INSERT INTO mutasi_event (id, usulan_id, seq, kind, aktor, waktu, catatan, payload)
SELECT id, usulan_id, seq, kind, aktor, waktu, catatan, payload FROM mutasi_event_0010;
DROP TABLE mutasi_event_0010;
CREATE INDEX mutasi_event_usulan ON mutasi_event(usulan_id, seq);
CREATE TRIGGER sync_guard_mutasi_event_insert BEFORE INSERT ON mutasi_event WHEN NOT EXISTS (SELECT 1 FROM sync_write_ok)
BEGIN SELECT RAISE(ABORT, 'imbang: tabel tersinkron mutasi_event hanya boleh ditulis lewat jalur tulis (outbox) / synced table mutasi_event written outside the write path'); END;
CREATE TRIGGER sync_guard_mutasi_event_update BEFORE UPDATE ON mutasi_event WHEN NOT EXISTS (SELECT 1 FROM sync_write_ok)
BEGIN SELECT RAISE(ABORT, 'imbang: tabel tersinkron mutasi_event hanya boleh ditulis lewat jalur tulis (outbox) / synced table mutasi_event written outside the write path'); END;
CREATE TRIGGER sync_guard_mutasi_event_delete BEFORE DELETE ON mutasi_event WHEN NOT EXISTS (SELECT 1 FROM sync_write_ok)
BEGIN SELECT RAISE(ABORT, 'imbang: tabel tersinkron mutasi_event hanya boleh ditulis lewat jalur tulis (outbox) / synced table mutasi_event written outside the write path'); END;
-- An event held back by the old key is shown again the next time a pull
-- touches it (docs/sync.md, rebase).
