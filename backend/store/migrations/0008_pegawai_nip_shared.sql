-- 0008: two records may show one NIP on this device while the server holds a
-- duplicate-nip conflict for them (open, or resolved "keep both": they are
-- different people until one NIP is corrected). The column's UNIQUE goes;
-- SQLite cannot drop it in place, so the table is rebuilt. The local write
-- path still refuses a NIP another record holds (pegawai.nip_taken), and the
-- sync apply path holds back a pulled record whose NIP another shows unless
-- the server reported a duplicate-nip conflict for the pair.
-- The rows wait in a plain copy while the table is dropped and made again;
-- the children's deferred foreign keys are satisfied again by the re-insert
-- before commit.
CREATE TABLE pegawai_0007 AS SELECT * FROM pegawai;
DROP TABLE pegawai;
CREATE TABLE pegawai (
    id             TEXT PRIMARY KEY,
    nip            TEXT NOT NULL,
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
    tmt_pns        TEXT NOT NULL DEFAULT '',
    keluar_pada    TEXT NOT NULL DEFAULT '',
    instansi_tujuan TEXT NOT NULL DEFAULT ''
);
INSERT INTO pegawai (id, nip, nama, gelar_depan, gelar_belakang, jenis_kelamin, tempat_lahir, tanggal_lahir, status, golongan,
    golongan_pppk, pendidikan, jurusan, opd_id, unit_id, jabatan_id, tmt_jabatan, tmt_cpns, tmt_pns, keluar_pada, instansi_tujuan)
SELECT id, nip, nama, gelar_depan, gelar_belakang, jenis_kelamin, tempat_lahir, tanggal_lahir, status, golongan,
    golongan_pppk, pendidikan, jurusan, opd_id, unit_id, jabatan_id, tmt_jabatan, tmt_cpns, tmt_pns, keluar_pada, instansi_tujuan
FROM pegawai_0007;
DROP TABLE pegawai_0007;
CREATE INDEX pegawai_nip ON pegawai(nip);
CREATE INDEX pegawai_nama ON pegawai(nama);
CREATE INDEX pegawai_opd ON pegawai(opd_id, nama);
CREATE INDEX pegawai_unit ON pegawai(unit_id);
CREATE INDEX pegawai_jabatan ON pegawai(jabatan_id);
CREATE INDEX pegawai_keluar ON pegawai(keluar_pada);
CREATE INDEX pegawai_posisi ON pegawai(unit_id, jabatan_id);
CREATE INDEX pegawai_tmt_jabatan ON pegawai(tmt_jabatan);
CREATE TRIGGER sync_guard_pegawai_insert BEFORE INSERT ON pegawai WHEN NOT EXISTS (SELECT 1 FROM sync_write_ok)
BEGIN SELECT RAISE(ABORT, 'imbang: tabel tersinkron pegawai hanya boleh ditulis lewat jalur tulis (outbox) / synced table pegawai written outside the write path'); END;
CREATE TRIGGER sync_guard_pegawai_update BEFORE UPDATE ON pegawai WHEN NOT EXISTS (SELECT 1 FROM sync_write_ok)
BEGIN SELECT RAISE(ABORT, 'imbang: tabel tersinkron pegawai hanya boleh ditulis lewat jalur tulis (outbox) / synced table pegawai written outside the write path'); END;
CREATE TRIGGER sync_guard_pegawai_delete BEFORE DELETE ON pegawai WHEN NOT EXISTS (SELECT 1 FROM sync_write_ok)
BEGIN SELECT RAISE(ABORT, 'imbang: tabel tersinkron pegawai hanya boleh ditulis lewat jalur tulis (outbox) / synced table pegawai written outside the write path'); END;
