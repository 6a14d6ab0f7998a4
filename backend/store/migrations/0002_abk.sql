-- 0002: settings, the workload analysis (ABK) per year, and the local trend
-- of the region balance index.

-- Settings an admin may change (ABK constants, rule parameters), one JSON
-- value per key; synced like any other row.
CREATE TABLE setting (
    id    TEXT PRIMARY KEY,
    kunci TEXT NOT NULL UNIQUE,
    nilai TEXT NOT NULL
);

-- One ABK per year: DRAFT while it is written, FINAL when it may feed
-- decisions (the planner, eligibility rule MUT-13). A FINAL ABK is not edited.
CREATE TABLE abk (
    id              TEXT PRIMARY KEY,
    tahun           INTEGER NOT NULL UNIQUE,
    status          TEXT NOT NULL CHECK (status IN ('DRAFT', 'FINAL')),
    catatan         TEXT NOT NULL DEFAULT '',
    difinalkan_pada TEXT NOT NULL DEFAULT ''
);

-- The tasks (uraian tugas) of one position (unit × jabatan) in one ABK.
CREATE TABLE abk_tugas (
    id           TEXT PRIMARY KEY,
    abk_id       TEXT NOT NULL REFERENCES abk(id) DEFERRABLE INITIALLY DEFERRED,
    unit_id      TEXT NOT NULL REFERENCES unit(id) DEFERRABLE INITIALLY DEFERRED,
    jabatan_id   TEXT NOT NULL REFERENCES jabatan(id) DEFERRABLE INITIALLY DEFERRED,
    urutan       INTEGER NOT NULL,
    uraian       TEXT NOT NULL,
    satuan_hasil TEXT NOT NULL DEFAULT '',
    volume       REAL NOT NULL,
    periode      TEXT NOT NULL CHECK (periode IN ('TAHUN', 'BULAN', 'MINGGU', 'HARI')),
    norma_menit  REAL NOT NULL
);
-- Covers the dashboard's read of every task of an ABK (numbers only).
CREATE INDEX abk_tugas_posisi ON abk_tugas(abk_id, unit_id, jabatan_id, urutan, volume, periode, norma_menit);
CREATE INDEX pegawai_posisi ON pegawai(unit_id, jabatan_id);

-- The balance index as computed on each day, for the trend chart. Derived
-- data, recomputable on any device: local, not synced.
CREATE TABLE indeks_keseimbangan (
    tanggal    TEXT NOT NULL,
    abk_id     TEXT NOT NULL,
    indeks     REAL NOT NULL,
    share_b    REAL NOT NULL,
    misplaced  INTEGER NOT NULL,
    kebutuhan  INTEGER NOT NULL,
    posisi     INTEGER NOT NULL,
    PRIMARY KEY (tanggal, abk_id)
);

CREATE INDEX pegawai_tmt_jabatan ON pegawai(tmt_jabatan);
