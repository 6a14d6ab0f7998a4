-- 0006: the sync client's local state (not synced, not audited) and the
-- outbox guard.
--
-- The guard: every synced table has BEFORE INSERT/UPDATE/DELETE triggers that
-- abort unless the row sync_write_ok(1) exists. Only two code paths insert it,
-- inside their own transaction, and delete it again before commit (so it is
-- never visible to any other transaction): Store.Write (whose Tx writes the
-- outbox entry with every row) and the sync apply path (which writes
-- server-confirmed rows). A write made any other way fails.

ALTER TABLE outbox ADD COLUMN base_seq INTEGER NOT NULL DEFAULT 0;  -- server seq of the row image the edit was made on
ALTER TABLE outbox ADD COLUMN schema_version INTEGER NOT NULL DEFAULT 2;
ALTER TABLE outbox ADD COLUMN status TEXT;      -- disposition once the server answered
ALTER TABLE outbox ADD COLUMN reason TEXT;
ALTER TABLE outbox ADD COLUMN conflict_id TEXT;
ALTER TABLE outbox ADD COLUMN ack_seq INTEGER;  -- the entry leaves once pull_seq >= ack_seq
CREATE INDEX outbox_row ON outbox(tbl, row_id);

CREATE TABLE sync_write_ok (one INTEGER PRIMARY KEY CHECK (one = 1));

-- Server-confirmed row images: the base a pending local edit is replayed on.
CREATE TABLE sync_base (
    tbl    TEXT NOT NULL,
    row_id TEXT NOT NULL,
    seq    INTEGER NOT NULL,
    hlc    TEXT NOT NULL DEFAULT '',
    row    TEXT NOT NULL,          -- JSON object of the columns; seq -1 = from an older server epoch, not yet re-confirmed
    extra  TEXT,                   -- columns this version does not know
    PRIMARY KEY (tbl, row_id)
) WITHOUT ROWID;

-- Visible rows a local UNIQUE key refused (e.g. one NIP on two records while
-- a duplicate-nip conflict is open, or a pending local row holding the key):
-- kept in sync_base only and re-tried on every page until they fit.
CREATE TABLE sync_held (
    tbl    TEXT NOT NULL,
    row_id TEXT NOT NULL,
    PRIMARY KEY (tbl, row_id)
) WITHOUT ROWID;

-- Acknowledged changes kept for a while, so that a server restored from an
-- older backup (new epoch) gets them again.
CREATE TABLE sync_sent (
    local_seq      INTEGER PRIMARY KEY,
    change_id      TEXT NOT NULL UNIQUE,
    tbl            TEXT NOT NULL,
    row_id         TEXT NOT NULL,
    op             TEXT NOT NULL,
    data           TEXT NOT NULL,
    hlc            TEXT NOT NULL,
    actor          TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    base_seq       INTEGER NOT NULL,
    schema_version INTEGER NOT NULL,
    status         TEXT,
    reason         TEXT,
    ack_seq        INTEGER,
    dropped_at     TEXT NOT NULL
);
CREATE INDEX sync_sent_dropped ON sync_sent(dropped_at);

-- Local edits the server did not take as they were (rejected, or in
-- conflict): kept with the reason so the person sees why an edit went away.
CREATE TABLE sync_attention (
    change_id   TEXT PRIMARY KEY,
    local_seq   INTEGER NOT NULL,
    tbl         TEXT NOT NULL,
    row_id      TEXT NOT NULL,
    op          TEXT NOT NULL,
    data        TEXT NOT NULL,
    status      TEXT NOT NULL,
    reason      TEXT NOT NULL DEFAULT '',
    conflict_id TEXT,
    at          TEXT NOT NULL,
    dibaca      INTEGER NOT NULL DEFAULT 0
);

-- Conflicts visible to this device (the inbox).
CREATE TABLE sync_conflict (
    id         TEXT PRIMARY KEY,
    tbl        TEXT NOT NULL,
    row_id     TEXT NOT NULL,
    kind       TEXT NOT NULL,
    status     TEXT NOT NULL,
    body       TEXT NOT NULL,   -- protocol.Conflict as JSON
    seq        INTEGER NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX sync_conflict_status ON sync_conflict(status);

-- Row ids merged into another (duplicate NIP): references are rewritten.
CREATE TABLE sync_alias (
    tbl      TEXT NOT NULL,
    row_id   TEXT NOT NULL,
    alias_of TEXT NOT NULL,
    PRIMARY KEY (tbl, row_id)
) WITHOUT ROWID;

-- Staffing of every OPD, derived by the server (no personal data), so the
-- region view of an OPD device counts other OPDs' bezetting.
CREATE TABLE bezetting_agregat (
    id         TEXT PRIMARY KEY,
    opd_id     TEXT NOT NULL,
    unit_id    TEXT,
    jabatan_id TEXT,
    jumlah     INTEGER NOT NULL,
    seq        INTEGER NOT NULL
);
CREATE INDEX bezetting_agregat_opd ON bezetting_agregat(opd_id);

CREATE TRIGGER sync_guard_pemda_insert BEFORE INSERT ON pemda WHEN NOT EXISTS (SELECT 1 FROM sync_write_ok)
BEGIN SELECT RAISE(ABORT, 'imbang: tabel tersinkron pemda hanya boleh ditulis lewat jalur tulis (outbox) / synced table pemda written outside the write path'); END;
CREATE TRIGGER sync_guard_pemda_update BEFORE UPDATE ON pemda WHEN NOT EXISTS (SELECT 1 FROM sync_write_ok)
BEGIN SELECT RAISE(ABORT, 'imbang: tabel tersinkron pemda hanya boleh ditulis lewat jalur tulis (outbox) / synced table pemda written outside the write path'); END;
CREATE TRIGGER sync_guard_pemda_delete BEFORE DELETE ON pemda WHEN NOT EXISTS (SELECT 1 FROM sync_write_ok)
BEGIN SELECT RAISE(ABORT, 'imbang: tabel tersinkron pemda hanya boleh ditulis lewat jalur tulis (outbox) / synced table pemda written outside the write path'); END;
CREATE TRIGGER sync_guard_opd_insert BEFORE INSERT ON opd WHEN NOT EXISTS (SELECT 1 FROM sync_write_ok)
BEGIN SELECT RAISE(ABORT, 'imbang: tabel tersinkron opd hanya boleh ditulis lewat jalur tulis (outbox) / synced table opd written outside the write path'); END;
CREATE TRIGGER sync_guard_opd_update BEFORE UPDATE ON opd WHEN NOT EXISTS (SELECT 1 FROM sync_write_ok)
BEGIN SELECT RAISE(ABORT, 'imbang: tabel tersinkron opd hanya boleh ditulis lewat jalur tulis (outbox) / synced table opd written outside the write path'); END;
CREATE TRIGGER sync_guard_opd_delete BEFORE DELETE ON opd WHEN NOT EXISTS (SELECT 1 FROM sync_write_ok)
BEGIN SELECT RAISE(ABORT, 'imbang: tabel tersinkron opd hanya boleh ditulis lewat jalur tulis (outbox) / synced table opd written outside the write path'); END;
CREATE TRIGGER sync_guard_unit_insert BEFORE INSERT ON unit WHEN NOT EXISTS (SELECT 1 FROM sync_write_ok)
BEGIN SELECT RAISE(ABORT, 'imbang: tabel tersinkron unit hanya boleh ditulis lewat jalur tulis (outbox) / synced table unit written outside the write path'); END;
CREATE TRIGGER sync_guard_unit_update BEFORE UPDATE ON unit WHEN NOT EXISTS (SELECT 1 FROM sync_write_ok)
BEGIN SELECT RAISE(ABORT, 'imbang: tabel tersinkron unit hanya boleh ditulis lewat jalur tulis (outbox) / synced table unit written outside the write path'); END;
CREATE TRIGGER sync_guard_unit_delete BEFORE DELETE ON unit WHEN NOT EXISTS (SELECT 1 FROM sync_write_ok)
BEGIN SELECT RAISE(ABORT, 'imbang: tabel tersinkron unit hanya boleh ditulis lewat jalur tulis (outbox) / synced table unit written outside the write path'); END;
CREATE TRIGGER sync_guard_jabatan_insert BEFORE INSERT ON jabatan WHEN NOT EXISTS (SELECT 1 FROM sync_write_ok)
BEGIN SELECT RAISE(ABORT, 'imbang: tabel tersinkron jabatan hanya boleh ditulis lewat jalur tulis (outbox) / synced table jabatan written outside the write path'); END;
CREATE TRIGGER sync_guard_jabatan_update BEFORE UPDATE ON jabatan WHEN NOT EXISTS (SELECT 1 FROM sync_write_ok)
BEGIN SELECT RAISE(ABORT, 'imbang: tabel tersinkron jabatan hanya boleh ditulis lewat jalur tulis (outbox) / synced table jabatan written outside the write path'); END;
CREATE TRIGGER sync_guard_jabatan_delete BEFORE DELETE ON jabatan WHEN NOT EXISTS (SELECT 1 FROM sync_write_ok)
BEGIN SELECT RAISE(ABORT, 'imbang: tabel tersinkron jabatan hanya boleh ditulis lewat jalur tulis (outbox) / synced table jabatan written outside the write path'); END;
CREATE TRIGGER sync_guard_pegawai_insert BEFORE INSERT ON pegawai WHEN NOT EXISTS (SELECT 1 FROM sync_write_ok)
BEGIN SELECT RAISE(ABORT, 'imbang: tabel tersinkron pegawai hanya boleh ditulis lewat jalur tulis (outbox) / synced table pegawai written outside the write path'); END;
CREATE TRIGGER sync_guard_pegawai_update BEFORE UPDATE ON pegawai WHEN NOT EXISTS (SELECT 1 FROM sync_write_ok)
BEGIN SELECT RAISE(ABORT, 'imbang: tabel tersinkron pegawai hanya boleh ditulis lewat jalur tulis (outbox) / synced table pegawai written outside the write path'); END;
CREATE TRIGGER sync_guard_pegawai_delete BEFORE DELETE ON pegawai WHEN NOT EXISTS (SELECT 1 FROM sync_write_ok)
BEGIN SELECT RAISE(ABORT, 'imbang: tabel tersinkron pegawai hanya boleh ditulis lewat jalur tulis (outbox) / synced table pegawai written outside the write path'); END;
CREATE TRIGGER sync_guard_riwayat_jabatan_insert BEFORE INSERT ON riwayat_jabatan WHEN NOT EXISTS (SELECT 1 FROM sync_write_ok)
BEGIN SELECT RAISE(ABORT, 'imbang: tabel tersinkron riwayat_jabatan hanya boleh ditulis lewat jalur tulis (outbox) / synced table riwayat_jabatan written outside the write path'); END;
CREATE TRIGGER sync_guard_riwayat_jabatan_update BEFORE UPDATE ON riwayat_jabatan WHEN NOT EXISTS (SELECT 1 FROM sync_write_ok)
BEGIN SELECT RAISE(ABORT, 'imbang: tabel tersinkron riwayat_jabatan hanya boleh ditulis lewat jalur tulis (outbox) / synced table riwayat_jabatan written outside the write path'); END;
CREATE TRIGGER sync_guard_riwayat_jabatan_delete BEFORE DELETE ON riwayat_jabatan WHEN NOT EXISTS (SELECT 1 FROM sync_write_ok)
BEGIN SELECT RAISE(ABORT, 'imbang: tabel tersinkron riwayat_jabatan hanya boleh ditulis lewat jalur tulis (outbox) / synced table riwayat_jabatan written outside the write path'); END;
CREATE TRIGGER sync_guard_skp_insert BEFORE INSERT ON skp WHEN NOT EXISTS (SELECT 1 FROM sync_write_ok)
BEGIN SELECT RAISE(ABORT, 'imbang: tabel tersinkron skp hanya boleh ditulis lewat jalur tulis (outbox) / synced table skp written outside the write path'); END;
CREATE TRIGGER sync_guard_skp_update BEFORE UPDATE ON skp WHEN NOT EXISTS (SELECT 1 FROM sync_write_ok)
BEGIN SELECT RAISE(ABORT, 'imbang: tabel tersinkron skp hanya boleh ditulis lewat jalur tulis (outbox) / synced table skp written outside the write path'); END;
CREATE TRIGGER sync_guard_skp_delete BEFORE DELETE ON skp WHEN NOT EXISTS (SELECT 1 FROM sync_write_ok)
BEGIN SELECT RAISE(ABORT, 'imbang: tabel tersinkron skp hanya boleh ditulis lewat jalur tulis (outbox) / synced table skp written outside the write path'); END;
CREATE TRIGGER sync_guard_hukdis_insert BEFORE INSERT ON hukdis WHEN NOT EXISTS (SELECT 1 FROM sync_write_ok)
BEGIN SELECT RAISE(ABORT, 'imbang: tabel tersinkron hukdis hanya boleh ditulis lewat jalur tulis (outbox) / synced table hukdis written outside the write path'); END;
CREATE TRIGGER sync_guard_hukdis_update BEFORE UPDATE ON hukdis WHEN NOT EXISTS (SELECT 1 FROM sync_write_ok)
BEGIN SELECT RAISE(ABORT, 'imbang: tabel tersinkron hukdis hanya boleh ditulis lewat jalur tulis (outbox) / synced table hukdis written outside the write path'); END;
CREATE TRIGGER sync_guard_hukdis_delete BEFORE DELETE ON hukdis WHEN NOT EXISTS (SELECT 1 FROM sync_write_ok)
BEGIN SELECT RAISE(ABORT, 'imbang: tabel tersinkron hukdis hanya boleh ditulis lewat jalur tulis (outbox) / synced table hukdis written outside the write path'); END;
CREATE TRIGGER sync_guard_setting_insert BEFORE INSERT ON setting WHEN NOT EXISTS (SELECT 1 FROM sync_write_ok)
BEGIN SELECT RAISE(ABORT, 'imbang: tabel tersinkron setting hanya boleh ditulis lewat jalur tulis (outbox) / synced table setting written outside the write path'); END;
CREATE TRIGGER sync_guard_setting_update BEFORE UPDATE ON setting WHEN NOT EXISTS (SELECT 1 FROM sync_write_ok)
BEGIN SELECT RAISE(ABORT, 'imbang: tabel tersinkron setting hanya boleh ditulis lewat jalur tulis (outbox) / synced table setting written outside the write path'); END;
CREATE TRIGGER sync_guard_setting_delete BEFORE DELETE ON setting WHEN NOT EXISTS (SELECT 1 FROM sync_write_ok)
BEGIN SELECT RAISE(ABORT, 'imbang: tabel tersinkron setting hanya boleh ditulis lewat jalur tulis (outbox) / synced table setting written outside the write path'); END;
CREATE TRIGGER sync_guard_abk_insert BEFORE INSERT ON abk WHEN NOT EXISTS (SELECT 1 FROM sync_write_ok)
BEGIN SELECT RAISE(ABORT, 'imbang: tabel tersinkron abk hanya boleh ditulis lewat jalur tulis (outbox) / synced table abk written outside the write path'); END;
CREATE TRIGGER sync_guard_abk_update BEFORE UPDATE ON abk WHEN NOT EXISTS (SELECT 1 FROM sync_write_ok)
BEGIN SELECT RAISE(ABORT, 'imbang: tabel tersinkron abk hanya boleh ditulis lewat jalur tulis (outbox) / synced table abk written outside the write path'); END;
CREATE TRIGGER sync_guard_abk_delete BEFORE DELETE ON abk WHEN NOT EXISTS (SELECT 1 FROM sync_write_ok)
BEGIN SELECT RAISE(ABORT, 'imbang: tabel tersinkron abk hanya boleh ditulis lewat jalur tulis (outbox) / synced table abk written outside the write path'); END;
CREATE TRIGGER sync_guard_abk_tugas_insert BEFORE INSERT ON abk_tugas WHEN NOT EXISTS (SELECT 1 FROM sync_write_ok)
BEGIN SELECT RAISE(ABORT, 'imbang: tabel tersinkron abk_tugas hanya boleh ditulis lewat jalur tulis (outbox) / synced table abk_tugas written outside the write path'); END;
CREATE TRIGGER sync_guard_abk_tugas_update BEFORE UPDATE ON abk_tugas WHEN NOT EXISTS (SELECT 1 FROM sync_write_ok)
BEGIN SELECT RAISE(ABORT, 'imbang: tabel tersinkron abk_tugas hanya boleh ditulis lewat jalur tulis (outbox) / synced table abk_tugas written outside the write path'); END;
CREATE TRIGGER sync_guard_abk_tugas_delete BEFORE DELETE ON abk_tugas WHEN NOT EXISTS (SELECT 1 FROM sync_write_ok)
BEGIN SELECT RAISE(ABORT, 'imbang: tabel tersinkron abk_tugas hanya boleh ditulis lewat jalur tulis (outbox) / synced table abk_tugas written outside the write path'); END;
CREATE TRIGGER sync_guard_mutasi_usulan_insert BEFORE INSERT ON mutasi_usulan WHEN NOT EXISTS (SELECT 1 FROM sync_write_ok)
BEGIN SELECT RAISE(ABORT, 'imbang: tabel tersinkron mutasi_usulan hanya boleh ditulis lewat jalur tulis (outbox) / synced table mutasi_usulan written outside the write path'); END;
CREATE TRIGGER sync_guard_mutasi_usulan_update BEFORE UPDATE ON mutasi_usulan WHEN NOT EXISTS (SELECT 1 FROM sync_write_ok)
BEGIN SELECT RAISE(ABORT, 'imbang: tabel tersinkron mutasi_usulan hanya boleh ditulis lewat jalur tulis (outbox) / synced table mutasi_usulan written outside the write path'); END;
CREATE TRIGGER sync_guard_mutasi_usulan_delete BEFORE DELETE ON mutasi_usulan WHEN NOT EXISTS (SELECT 1 FROM sync_write_ok)
BEGIN SELECT RAISE(ABORT, 'imbang: tabel tersinkron mutasi_usulan hanya boleh ditulis lewat jalur tulis (outbox) / synced table mutasi_usulan written outside the write path'); END;
CREATE TRIGGER sync_guard_mutasi_event_insert BEFORE INSERT ON mutasi_event WHEN NOT EXISTS (SELECT 1 FROM sync_write_ok)
BEGIN SELECT RAISE(ABORT, 'imbang: tabel tersinkron mutasi_event hanya boleh ditulis lewat jalur tulis (outbox) / synced table mutasi_event written outside the write path'); END;
CREATE TRIGGER sync_guard_mutasi_event_update BEFORE UPDATE ON mutasi_event WHEN NOT EXISTS (SELECT 1 FROM sync_write_ok)
BEGIN SELECT RAISE(ABORT, 'imbang: tabel tersinkron mutasi_event hanya boleh ditulis lewat jalur tulis (outbox) / synced table mutasi_event written outside the write path'); END;
CREATE TRIGGER sync_guard_mutasi_event_delete BEFORE DELETE ON mutasi_event WHEN NOT EXISTS (SELECT 1 FROM sync_write_ok)
BEGIN SELECT RAISE(ABORT, 'imbang: tabel tersinkron mutasi_event hanya boleh ditulis lewat jalur tulis (outbox) / synced table mutasi_event written outside the write path'); END;
CREATE TRIGGER sync_guard_dokumen_lampiran_insert BEFORE INSERT ON dokumen_lampiran WHEN NOT EXISTS (SELECT 1 FROM sync_write_ok)
BEGIN SELECT RAISE(ABORT, 'imbang: tabel tersinkron dokumen_lampiran hanya boleh ditulis lewat jalur tulis (outbox) / synced table dokumen_lampiran written outside the write path'); END;
CREATE TRIGGER sync_guard_dokumen_lampiran_update BEFORE UPDATE ON dokumen_lampiran WHEN NOT EXISTS (SELECT 1 FROM sync_write_ok)
BEGIN SELECT RAISE(ABORT, 'imbang: tabel tersinkron dokumen_lampiran hanya boleh ditulis lewat jalur tulis (outbox) / synced table dokumen_lampiran written outside the write path'); END;
CREATE TRIGGER sync_guard_dokumen_lampiran_delete BEFORE DELETE ON dokumen_lampiran WHEN NOT EXISTS (SELECT 1 FROM sync_write_ok)
BEGIN SELECT RAISE(ABORT, 'imbang: tabel tersinkron dokumen_lampiran hanya boleh ditulis lewat jalur tulis (outbox) / synced table dokumen_lampiran written outside the write path'); END;
CREATE TRIGGER sync_guard_evaluasi_pertanyaan_insert BEFORE INSERT ON evaluasi_pertanyaan WHEN NOT EXISTS (SELECT 1 FROM sync_write_ok)
BEGIN SELECT RAISE(ABORT, 'imbang: tabel tersinkron evaluasi_pertanyaan hanya boleh ditulis lewat jalur tulis (outbox) / synced table evaluasi_pertanyaan written outside the write path'); END;
CREATE TRIGGER sync_guard_evaluasi_pertanyaan_update BEFORE UPDATE ON evaluasi_pertanyaan WHEN NOT EXISTS (SELECT 1 FROM sync_write_ok)
BEGIN SELECT RAISE(ABORT, 'imbang: tabel tersinkron evaluasi_pertanyaan hanya boleh ditulis lewat jalur tulis (outbox) / synced table evaluasi_pertanyaan written outside the write path'); END;
CREATE TRIGGER sync_guard_evaluasi_pertanyaan_delete BEFORE DELETE ON evaluasi_pertanyaan WHEN NOT EXISTS (SELECT 1 FROM sync_write_ok)
BEGIN SELECT RAISE(ABORT, 'imbang: tabel tersinkron evaluasi_pertanyaan hanya boleh ditulis lewat jalur tulis (outbox) / synced table evaluasi_pertanyaan written outside the write path'); END;
CREATE TRIGGER sync_guard_evaluasi_insert BEFORE INSERT ON evaluasi WHEN NOT EXISTS (SELECT 1 FROM sync_write_ok)
BEGIN SELECT RAISE(ABORT, 'imbang: tabel tersinkron evaluasi hanya boleh ditulis lewat jalur tulis (outbox) / synced table evaluasi written outside the write path'); END;
CREATE TRIGGER sync_guard_evaluasi_update BEFORE UPDATE ON evaluasi WHEN NOT EXISTS (SELECT 1 FROM sync_write_ok)
BEGIN SELECT RAISE(ABORT, 'imbang: tabel tersinkron evaluasi hanya boleh ditulis lewat jalur tulis (outbox) / synced table evaluasi written outside the write path'); END;
CREATE TRIGGER sync_guard_evaluasi_delete BEFORE DELETE ON evaluasi WHEN NOT EXISTS (SELECT 1 FROM sync_write_ok)
BEGIN SELECT RAISE(ABORT, 'imbang: tabel tersinkron evaluasi hanya boleh ditulis lewat jalur tulis (outbox) / synced table evaluasi written outside the write path'); END;
