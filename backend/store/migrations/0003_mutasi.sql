-- 0003: the mutasi workflow (requests and their append-only events), the
-- hash-chained audit log, document attachments and the evaluations 6 and 12
-- months after the move.

-- A transfer request. What it asks for (type, APS, targets, source) is the
-- transfer.Request JSON in data; its state is derived from its events.
CREATE TABLE mutasi_usulan (
    id          TEXT PRIMARY KEY,
    nomor       TEXT NOT NULL UNIQUE, -- tracking number shown on the tanda terima
    pegawai_id  TEXT NOT NULL REFERENCES pegawai(id) DEFERRABLE INITIALLY DEFERRED,
    jenis       TEXT NOT NULL CHECK (jenis IN ('T0', 'T1', 'T2', 'T3', 'T4')),
    aps         INTEGER NOT NULL,
    data        TEXT NOT NULL,
    dibuat_oleh TEXT NOT NULL,
    dibuat_pada TEXT NOT NULL
);
CREATE INDEX mutasi_usulan_pegawai ON mutasi_usulan(pegawai_id);

-- The workflow events: insert-only (concurrent decisions made offline both
-- survive a sync; the server opens a conflict when they are incompatible).
CREATE TABLE mutasi_event (
    id        TEXT PRIMARY KEY,
    usulan_id TEXT NOT NULL REFERENCES mutasi_usulan(id) DEFERRABLE INITIALLY DEFERRED,
    seq       INTEGER NOT NULL,
    kind      TEXT NOT NULL,
    aktor     TEXT NOT NULL, -- JSON transfer.Actor
    waktu     TEXT NOT NULL,
    catatan   TEXT NOT NULL DEFAULT '',
    payload   TEXT NOT NULL DEFAULT '{}', -- JSON transfer.Payload
    UNIQUE (usulan_id, seq)
);

-- The current status of each request, replayed from its events after every
-- event: derived, local, not synced (lists and inboxes filter on it).
CREATE TABLE mutasi_status (
    usulan_id  TEXT PRIMARY KEY,
    status     TEXT NOT NULL,
    seq        INTEGER NOT NULL,
    diperbarui TEXT NOT NULL
);
CREATE INDEX mutasi_status_status ON mutasi_status(status);

-- Append-only, hash-chained audit log of changes to pegawai, placement,
-- settings and requests (backend/audit defines the hash). Written by the
-- store's write path in the same transaction as the change; the head (last
-- seq and hash) is kept in meta 'audit_head' so that removing the newest
-- entries is detected too. Local to this device.
CREATE TABLE audit_log (
    seq        INTEGER PRIMARY KEY,
    waktu      TEXT NOT NULL,
    aktor      TEXT NOT NULL,
    peran      TEXT NOT NULL,
    aksi       TEXT NOT NULL,
    entitas    TEXT NOT NULL,
    entitas_id TEXT NOT NULL,
    sebelum    TEXT NOT NULL,
    sesudah    TEXT NOT NULL,
    prev_hash  TEXT NOT NULL,
    hash       TEXT NOT NULL
);

-- A document attached to a request; the file is stored once by its SHA-256
-- under <data dir>/lampiran/ (content-addressed).
CREATE TABLE dokumen_lampiran (
    id            TEXT PRIMARY KEY,
    usulan_id     TEXT NOT NULL REFERENCES mutasi_usulan(id) DEFERRABLE INITIALLY DEFERRED,
    jenis         TEXT NOT NULL, -- eligibility.Dokumen code of the checklist item
    nama_berkas   TEXT NOT NULL,
    sha256        TEXT NOT NULL,
    ukuran        INTEGER NOT NULL,
    mime          TEXT NOT NULL,
    status        TEXT NOT NULL DEFAULT 'BELUM_DIPERIKSA' CHECK (status IN ('BELUM_DIPERIKSA', 'SESUAI', 'TIDAK_SESUAI')),
    catatan       TEXT NOT NULL DEFAULT '',
    diunggah_oleh TEXT NOT NULL,
    diunggah_pada TEXT NOT NULL
);
CREATE INDEX dokumen_lampiran_usulan ON dokumen_lampiran(usulan_id);

-- The configurable evaluation questions.
CREATE TABLE evaluasi_pertanyaan (
    id     TEXT PRIMARY KEY,
    kode   TEXT NOT NULL UNIQUE,
    untuk  TEXT NOT NULL CHECK (untuk IN ('PEGAWAI', 'ATASAN')),
    teks   TEXT NOT NULL,
    teks_en TEXT NOT NULL DEFAULT '',
    jenis  TEXT NOT NULL CHECK (jenis IN ('LIKERT', 'TEKS')),
    urutan INTEGER NOT NULL,
    aktif  INTEGER NOT NULL DEFAULT 1
);

-- One evaluation of an executed transfer by one respondent, 6 or 12 months
-- after TMT.
CREATE TABLE evaluasi (
    id          TEXT PRIMARY KEY,
    usulan_id   TEXT NOT NULL REFERENCES mutasi_usulan(id) DEFERRABLE INITIALLY DEFERRED,
    bulan       INTEGER NOT NULL CHECK (bulan IN (6, 12)),
    responden   TEXT NOT NULL CHECK (responden IN ('PEGAWAI', 'ATASAN')),
    jatuh_tempo TEXT NOT NULL,
    jawaban     TEXT NOT NULL DEFAULT '{}', -- JSON: kode → 1..5 or text
    diisi_pada  TEXT NOT NULL DEFAULT '',
    diisi_oleh  TEXT NOT NULL DEFAULT '',
    UNIQUE (usulan_id, bulan, responden)
);
