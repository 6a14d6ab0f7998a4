-- Portal Pegawai (docs/portal.md). Synced tables of schema 3:
-- portal_aktivasi: an activation letter issued on a desktop; the one-time
--   code itself is printed on the letter only, the row carries its salted
--   SHA-256 (docs/portal.md, "Activation").
-- portal_laporan: an employee's "laporkan kesalahan data" report, a task for
--   the OPD operator.
-- portal_minat: an employee's recorded interest (an OPD, a jabatan or a kind
--   of post), read by the planner as a soft preference.
CREATE TABLE portal_aktivasi (
    id          TEXT PRIMARY KEY,
    pegawai_id  TEXT NOT NULL,
    kode_hash   TEXT NOT NULL,
    kedaluwarsa TEXT NOT NULL,
    dibuat_oleh TEXT NOT NULL DEFAULT '',
    dibuat_pada TEXT NOT NULL,
    dicabut     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX portal_aktivasi_pegawai ON portal_aktivasi(pegawai_id);

CREATE TABLE portal_laporan (
    id             TEXT PRIMARY KEY,
    pegawai_id     TEXT NOT NULL,
    bagian         TEXT NOT NULL,
    uraian         TEXT NOT NULL,
    status         TEXT NOT NULL DEFAULT 'BARU',
    tanggapan      TEXT NOT NULL DEFAULT '',
    dibuat_pada    TEXT NOT NULL,
    ditangani_oleh TEXT NOT NULL DEFAULT '',
    ditangani_pada TEXT NOT NULL DEFAULT ''
);
CREATE INDEX portal_laporan_pegawai ON portal_laporan(pegawai_id);

CREATE TABLE portal_minat (
    id            TEXT PRIMARY KEY,
    pegawai_id    TEXT NOT NULL,
    opd_id        TEXT NOT NULL DEFAULT '',
    jabatan_id    TEXT NOT NULL DEFAULT '',
    jenis_jabatan TEXT NOT NULL DEFAULT '',
    catatan       TEXT NOT NULL DEFAULT '',
    aktif         INTEGER NOT NULL DEFAULT 1,
    dibuat_pada   TEXT NOT NULL
);
CREATE INDEX portal_minat_pegawai ON portal_minat(pegawai_id);
CREATE TRIGGER sync_guard_portal_aktivasi_insert BEFORE INSERT ON portal_aktivasi WHEN NOT EXISTS (SELECT 1 FROM sync_write_ok)
BEGIN SELECT RAISE(ABORT, 'imbang: tabel tersinkron portal_aktivasi hanya boleh ditulis lewat jalur tulis (outbox) / synced table portal_aktivasi written outside the write path'); END;
CREATE TRIGGER sync_guard_portal_aktivasi_update BEFORE UPDATE ON portal_aktivasi WHEN NOT EXISTS (SELECT 1 FROM sync_write_ok)
BEGIN SELECT RAISE(ABORT, 'imbang: tabel tersinkron portal_aktivasi hanya boleh ditulis lewat jalur tulis (outbox) / synced table portal_aktivasi written outside the write path'); END;
CREATE TRIGGER sync_guard_portal_aktivasi_delete BEFORE DELETE ON portal_aktivasi WHEN NOT EXISTS (SELECT 1 FROM sync_write_ok)
BEGIN SELECT RAISE(ABORT, 'imbang: tabel tersinkron portal_aktivasi hanya boleh ditulis lewat jalur tulis (outbox) / synced table portal_aktivasi written outside the write path'); END;
CREATE TRIGGER sync_guard_portal_laporan_insert BEFORE INSERT ON portal_laporan WHEN NOT EXISTS (SELECT 1 FROM sync_write_ok)
BEGIN SELECT RAISE(ABORT, 'imbang: tabel tersinkron portal_laporan hanya boleh ditulis lewat jalur tulis (outbox) / synced table portal_laporan written outside the write path'); END;
CREATE TRIGGER sync_guard_portal_laporan_update BEFORE UPDATE ON portal_laporan WHEN NOT EXISTS (SELECT 1 FROM sync_write_ok)
BEGIN SELECT RAISE(ABORT, 'imbang: tabel tersinkron portal_laporan hanya boleh ditulis lewat jalur tulis (outbox) / synced table portal_laporan written outside the write path'); END;
CREATE TRIGGER sync_guard_portal_laporan_delete BEFORE DELETE ON portal_laporan WHEN NOT EXISTS (SELECT 1 FROM sync_write_ok)
BEGIN SELECT RAISE(ABORT, 'imbang: tabel tersinkron portal_laporan hanya boleh ditulis lewat jalur tulis (outbox) / synced table portal_laporan written outside the write path'); END;
CREATE TRIGGER sync_guard_portal_minat_insert BEFORE INSERT ON portal_minat WHEN NOT EXISTS (SELECT 1 FROM sync_write_ok)
BEGIN SELECT RAISE(ABORT, 'imbang: tabel tersinkron portal_minat hanya boleh ditulis lewat jalur tulis (outbox) / synced table portal_minat written outside the write path'); END;
CREATE TRIGGER sync_guard_portal_minat_update BEFORE UPDATE ON portal_minat WHEN NOT EXISTS (SELECT 1 FROM sync_write_ok)
BEGIN SELECT RAISE(ABORT, 'imbang: tabel tersinkron portal_minat hanya boleh ditulis lewat jalur tulis (outbox) / synced table portal_minat written outside the write path'); END;
CREATE TRIGGER sync_guard_portal_minat_delete BEFORE DELETE ON portal_minat WHEN NOT EXISTS (SELECT 1 FROM sync_write_ok)
BEGIN SELECT RAISE(ABORT, 'imbang: tabel tersinkron portal_minat hanya boleh ditulis lewat jalur tulis (outbox) / synced table portal_minat written outside the write path'); END;
