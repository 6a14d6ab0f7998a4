-- 0013: the ABK dashboard's per-position inputs kept up to date in the write
-- path, so a cold dashboard reads one row per position instead of grouping
-- every task and every employee (docs/workload.md, "Reading the dashboard").
-- Derived data, recomputable on any device: local, not synced. Each trigger
-- recomputes only the position(s) the written row belongs to, with the same
-- sums the full grouping gave (total() over the tasks in index order), so the
-- figures are identical, not accumulated.

-- Per ABK and position: Σ volume × norma_menit per period (what
-- abk.Settings.Beban turns into the load, one task per period with norma 1)
-- and the number of tasks.
CREATE TABLE abk_posisi_beban (
    abk_id     TEXT NOT NULL,
    unit_id    TEXT NOT NULL,
    jabatan_id TEXT NOT NULL,
    tahun      REAL NOT NULL,
    bulan      REAL NOT NULL,
    minggu     REAL NOT NULL,
    hari       REAL NOT NULL,
    tugas      INTEGER NOT NULL, -- how many tasks
    PRIMARY KEY (abk_id, unit_id, jabatan_id)
) WITHOUT ROWID;

-- Per position: the employees in post (keluar_pada = '').
CREATE TABLE posisi_bezetting (
    unit_id    TEXT NOT NULL,
    jabatan_id TEXT NOT NULL,
    jumlah     INTEGER NOT NULL,
    PRIMARY KEY (unit_id, jabatan_id)
) WITHOUT ROWID;

INSERT INTO abk_posisi_beban
SELECT abk_id, unit_id, jabatan_id,
    total(CASE periode WHEN 'TAHUN' THEN volume * norma_menit END),
    total(CASE periode WHEN 'BULAN' THEN volume * norma_menit END),
    total(CASE periode WHEN 'MINGGU' THEN volume * norma_menit END),
    total(CASE periode WHEN 'HARI' THEN volume * norma_menit END),
    count(*)
FROM abk_tugas GROUP BY abk_id, unit_id, jabatan_id;

INSERT INTO posisi_bezetting
SELECT unit_id, jabatan_id, count(*) FROM pegawai WHERE keluar_pada = '' GROUP BY unit_id, jabatan_id;

CREATE TRIGGER abk_posisi_beban_insert AFTER INSERT ON abk_tugas BEGIN
    DELETE FROM abk_posisi_beban WHERE abk_id = NEW.abk_id AND unit_id = NEW.unit_id AND jabatan_id = NEW.jabatan_id;
    INSERT INTO abk_posisi_beban SELECT abk_id, unit_id, jabatan_id,
        total(CASE periode WHEN 'TAHUN' THEN volume * norma_menit END),
        total(CASE periode WHEN 'BULAN' THEN volume * norma_menit END),
        total(CASE periode WHEN 'MINGGU' THEN volume * norma_menit END),
        total(CASE periode WHEN 'HARI' THEN volume * norma_menit END),
        count(*)
    FROM abk_tugas WHERE abk_id = NEW.abk_id AND unit_id = NEW.unit_id AND jabatan_id = NEW.jabatan_id
    GROUP BY abk_id, unit_id, jabatan_id;
END;

CREATE TRIGGER abk_posisi_beban_delete AFTER DELETE ON abk_tugas BEGIN
    DELETE FROM abk_posisi_beban WHERE abk_id = OLD.abk_id AND unit_id = OLD.unit_id AND jabatan_id = OLD.jabatan_id;
    INSERT INTO abk_posisi_beban SELECT abk_id, unit_id, jabatan_id,
        total(CASE periode WHEN 'TAHUN' THEN volume * norma_menit END),
        total(CASE periode WHEN 'BULAN' THEN volume * norma_menit END),
        total(CASE periode WHEN 'MINGGU' THEN volume * norma_menit END),
        total(CASE periode WHEN 'HARI' THEN volume * norma_menit END),
        count(*)
    FROM abk_tugas WHERE abk_id = OLD.abk_id AND unit_id = OLD.unit_id AND jabatan_id = OLD.jabatan_id
    GROUP BY abk_id, unit_id, jabatan_id;
END;

CREATE TRIGGER abk_posisi_beban_update AFTER UPDATE OF abk_id, unit_id, jabatan_id, urutan, volume, periode, norma_menit ON abk_tugas BEGIN
    DELETE FROM abk_posisi_beban WHERE abk_id = OLD.abk_id AND unit_id = OLD.unit_id AND jabatan_id = OLD.jabatan_id;
    INSERT INTO abk_posisi_beban SELECT abk_id, unit_id, jabatan_id,
        total(CASE periode WHEN 'TAHUN' THEN volume * norma_menit END),
        total(CASE periode WHEN 'BULAN' THEN volume * norma_menit END),
        total(CASE periode WHEN 'MINGGU' THEN volume * norma_menit END),
        total(CASE periode WHEN 'HARI' THEN volume * norma_menit END),
        count(*)
    FROM abk_tugas WHERE abk_id = OLD.abk_id AND unit_id = OLD.unit_id AND jabatan_id = OLD.jabatan_id
    GROUP BY abk_id, unit_id, jabatan_id;
    DELETE FROM abk_posisi_beban WHERE abk_id = NEW.abk_id AND unit_id = NEW.unit_id AND jabatan_id = NEW.jabatan_id;
    INSERT INTO abk_posisi_beban SELECT abk_id, unit_id, jabatan_id,
        total(CASE periode WHEN 'TAHUN' THEN volume * norma_menit END),
        total(CASE periode WHEN 'BULAN' THEN volume * norma_menit END),
        total(CASE periode WHEN 'MINGGU' THEN volume * norma_menit END),
        total(CASE periode WHEN 'HARI' THEN volume * norma_menit END),
        count(*)
    FROM abk_tugas WHERE abk_id = NEW.abk_id AND unit_id = NEW.unit_id AND jabatan_id = NEW.jabatan_id
    GROUP BY abk_id, unit_id, jabatan_id;
END;

CREATE TRIGGER posisi_bezetting_insert AFTER INSERT ON pegawai BEGIN
    DELETE FROM posisi_bezetting WHERE unit_id = NEW.unit_id AND jabatan_id = NEW.jabatan_id;
    INSERT INTO posisi_bezetting SELECT unit_id, jabatan_id, count(*) FROM pegawai
    WHERE unit_id = NEW.unit_id AND jabatan_id = NEW.jabatan_id AND keluar_pada = '' GROUP BY unit_id, jabatan_id;
END;

CREATE TRIGGER posisi_bezetting_delete AFTER DELETE ON pegawai BEGIN
    DELETE FROM posisi_bezetting WHERE unit_id = OLD.unit_id AND jabatan_id = OLD.jabatan_id;
    INSERT INTO posisi_bezetting SELECT unit_id, jabatan_id, count(*) FROM pegawai
    WHERE unit_id = OLD.unit_id AND jabatan_id = OLD.jabatan_id AND keluar_pada = '' GROUP BY unit_id, jabatan_id;
END;

CREATE TRIGGER posisi_bezetting_update AFTER UPDATE OF unit_id, jabatan_id, keluar_pada ON pegawai BEGIN
    DELETE FROM posisi_bezetting WHERE unit_id = OLD.unit_id AND jabatan_id = OLD.jabatan_id;
    INSERT INTO posisi_bezetting SELECT unit_id, jabatan_id, count(*) FROM pegawai
    WHERE unit_id = OLD.unit_id AND jabatan_id = OLD.jabatan_id AND keluar_pada = '' GROUP BY unit_id, jabatan_id;
    DELETE FROM posisi_bezetting WHERE unit_id = NEW.unit_id AND jabatan_id = NEW.jabatan_id;
    INSERT INTO posisi_bezetting SELECT unit_id, jabatan_id, count(*) FROM pegawai
    WHERE unit_id = NEW.unit_id AND jabatan_id = NEW.jabatan_id AND keluar_pada = '' GROUP BY unit_id, jabatan_id;
END;
