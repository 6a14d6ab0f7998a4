-- 0001: the organisation, employees and their history, and the outbox.
-- Foreign keys are DEFERRABLE so a transaction (an import, a pulled sync page)
-- may write rows in any order and is checked at commit.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE pemda (
    id   TEXT PRIMARY KEY,
    kode TEXT NOT NULL,
    nama TEXT NOT NULL,
    demo INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE opd (
    id        TEXT PRIMARY KEY,
    pemda_id  TEXT NOT NULL REFERENCES pemda(id) DEFERRABLE INITIALLY DEFERRED,
    kode      TEXT NOT NULL UNIQUE,
    nama      TEXT NOT NULL,
    singkatan TEXT NOT NULL DEFAULT '',
    jenis     TEXT NOT NULL,
    alamat    TEXT NOT NULL DEFAULT ''
);

CREATE TABLE unit (
    id        TEXT PRIMARY KEY,
    opd_id    TEXT NOT NULL REFERENCES opd(id) DEFERRABLE INITIALLY DEFERRED,
    parent_id TEXT REFERENCES unit(id) DEFERRABLE INITIALLY DEFERRED,
    kode      TEXT NOT NULL,
    nama      TEXT NOT NULL,
    UNIQUE (opd_id, kode)
);
CREATE INDEX unit_parent ON unit(parent_id);

CREATE TABLE jabatan (
    id             TEXT PRIMARY KEY,
    kode           TEXT NOT NULL UNIQUE,
    nama           TEXT NOT NULL,
    jenis          TEXT NOT NULL,
    jenjang        TEXT NOT NULL DEFAULT '',
    kelas          INTEGER NOT NULL,
    min_pendidikan INTEGER NOT NULL,
    jurusan        TEXT NOT NULL DEFAULT '[]', -- JSON array of allowed majors; [] = any
    golongan_min   INTEGER NOT NULL DEFAULT 0,
    golongan_max   INTEGER NOT NULL DEFAULT 0,
    bup            INTEGER NOT NULL
);

CREATE TABLE pegawai (
    id             TEXT PRIMARY KEY,
    nip            TEXT NOT NULL UNIQUE,
    nama           TEXT NOT NULL,
    gelar_depan    TEXT NOT NULL DEFAULT '',
    gelar_belakang TEXT NOT NULL DEFAULT '',
    jenis_kelamin  TEXT NOT NULL,
    tempat_lahir   TEXT NOT NULL DEFAULT '',
    tanggal_lahir  TEXT NOT NULL,
    status         TEXT NOT NULL,
    golongan       INTEGER NOT NULL DEFAULT 0,
    golongan_pppk  INTEGER NOT NULL DEFAULT 0,
    pendidikan     INTEGER NOT NULL,
    jurusan        TEXT NOT NULL DEFAULT '',
    opd_id         TEXT NOT NULL REFERENCES opd(id) DEFERRABLE INITIALLY DEFERRED,
    unit_id        TEXT NOT NULL REFERENCES unit(id) DEFERRABLE INITIALLY DEFERRED,
    jabatan_id     TEXT NOT NULL REFERENCES jabatan(id) DEFERRABLE INITIALLY DEFERRED,
    tmt_jabatan    TEXT NOT NULL,
    tmt_cpns       TEXT NOT NULL DEFAULT '',
    tmt_pns        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX pegawai_nama ON pegawai(nama);
CREATE INDEX pegawai_opd ON pegawai(opd_id, nama);
CREATE INDEX pegawai_unit ON pegawai(unit_id);
CREATE INDEX pegawai_jabatan ON pegawai(jabatan_id);

CREATE TABLE riwayat_jabatan (
    id              TEXT PRIMARY KEY,
    pegawai_id      TEXT NOT NULL REFERENCES pegawai(id) DEFERRABLE INITIALLY DEFERRED,
    opd_id          TEXT NOT NULL REFERENCES opd(id) DEFERRABLE INITIALLY DEFERRED,
    unit_id         TEXT NOT NULL REFERENCES unit(id) DEFERRABLE INITIALLY DEFERRED,
    jabatan_id      TEXT NOT NULL REFERENCES jabatan(id) DEFERRABLE INITIALLY DEFERRED,
    tmt             TEXT NOT NULL,
    tanggal_selesai TEXT NOT NULL DEFAULT '',
    nomor_sk        TEXT NOT NULL DEFAULT '',
    keterangan      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX riwayat_pegawai ON riwayat_jabatan(pegawai_id, tmt);

CREATE TABLE skp (
    id         TEXT PRIMARY KEY,
    pegawai_id TEXT NOT NULL REFERENCES pegawai(id) DEFERRABLE INITIALLY DEFERRED,
    tahun      INTEGER NOT NULL,
    predikat   TEXT NOT NULL,
    UNIQUE (pegawai_id, tahun)
);

CREATE TABLE hukdis (
    id              TEXT PRIMARY KEY,
    pegawai_id      TEXT NOT NULL REFERENCES pegawai(id) DEFERRABLE INITIALLY DEFERRED,
    tingkat         TEXT NOT NULL,
    jenis           TEXT NOT NULL DEFAULT '',
    nomor_sk        TEXT NOT NULL DEFAULT '',
    tmt             TEXT NOT NULL,
    tanggal_selesai TEXT NOT NULL DEFAULT '',
    keterangan      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX hukdis_pegawai ON hukdis(pegawai_id);

-- Every change to a synced table, written in the same transaction as the
-- change itself (docs/sync.md §1). seq is the device's local sequence.
CREATE TABLE outbox (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    change_id  TEXT NOT NULL UNIQUE,
    tbl        TEXT NOT NULL,
    row_id     TEXT NOT NULL,
    op         TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
    data       TEXT NOT NULL, -- JSON object of the changed columns
    hlc        TEXT NOT NULL,
    actor      TEXT NOT NULL,
    created_at TEXT NOT NULL
);
