-- 0016: the ABK dashboard's inputs in ONE row per (ABK, position): the load
-- sums of 0014's abk_posisi_beban and the bezetting beside them, so a cold
-- dashboard scans ~6,000 rows once instead of two tables of ~6,000 each
-- (docs/workload.md, "Reading the dashboard"). Derived data, local, not
-- synced. As in 0014 every trigger recomputes the position it touches with
-- the same grouping a full read does (total() over the tasks in index order),
-- so the figures equal a fresh grouping to the last bit.
--
-- A row (a, u, j) exists when ABK a has tasks at position (u, j), or when a
-- is in table abk and (u, j) has people in post. posisi_bezetting (0014)
-- stays: it is the per-position count the task triggers look up.

CREATE TABLE abk_posisi (
    abk_id     TEXT NOT NULL,
    unit_id    TEXT NOT NULL,
    jabatan_id TEXT NOT NULL,
    tahun      REAL NOT NULL, -- Σ volume × norma_menit of the TAHUN tasks
    bulan      REAL NOT NULL,
    minggu     REAL NOT NULL,
    hari       REAL NOT NULL,
    tugas      INTEGER NOT NULL, -- how many tasks
    bezetting  INTEGER NOT NULL, -- employees in post (posisi_bezetting.jumlah)
    PRIMARY KEY (abk_id, unit_id, jabatan_id)
) WITHOUT ROWID;
-- An employee write updates the position in every ABK.
CREATE INDEX abk_posisi_posisi ON abk_posisi(unit_id, jabatan_id);

DROP TRIGGER abk_posisi_beban_insert;
DROP TRIGGER abk_posisi_beban_delete;
DROP TRIGGER abk_posisi_beban_update;
DROP TABLE abk_posisi_beban;

-- The tasks of every ABK grouped per position, then the positions with
-- people and no task.
INSERT INTO abk_posisi
SELECT t.abk_id, t.unit_id, t.jabatan_id,
    total(CASE t.periode WHEN 'TAHUN' THEN t.volume * t.norma_menit END),
    total(CASE t.periode WHEN 'BULAN' THEN t.volume * t.norma_menit END),
    total(CASE t.periode WHEN 'MINGGU' THEN t.volume * t.norma_menit END),
    total(CASE t.periode WHEN 'HARI' THEN t.volume * t.norma_menit END),
    count(*),
    coalesce((SELECT b.jumlah FROM posisi_bezetting b WHERE b.unit_id = t.unit_id AND b.jabatan_id = t.jabatan_id), 0)
FROM abk_tugas t GROUP BY t.abk_id, t.unit_id, t.jabatan_id;
INSERT INTO abk_posisi SELECT a.id, b.unit_id, b.jabatan_id, 0, 0, 0, 0, 0, b.jumlah
FROM abk a, posisi_bezetting b WHERE true ON CONFLICT DO NOTHING;

-- Tasks: recompute the one (ABK, position) row; OLD and NEW for an update.
CREATE TRIGGER abk_posisi_tugas_insert AFTER INSERT ON abk_tugas BEGIN
    DELETE FROM abk_posisi WHERE abk_id = NEW.abk_id AND unit_id = NEW.unit_id AND jabatan_id = NEW.jabatan_id;
    INSERT INTO abk_posisi SELECT NEW.abk_id, NEW.unit_id, NEW.jabatan_id, t.tahun, t.bulan, t.minggu, t.hari, t.n, coalesce(b.jumlah, 0)
    FROM (SELECT total(CASE periode WHEN 'TAHUN' THEN volume * norma_menit END) AS tahun,
            total(CASE periode WHEN 'BULAN' THEN volume * norma_menit END) AS bulan,
            total(CASE periode WHEN 'MINGGU' THEN volume * norma_menit END) AS minggu,
            total(CASE periode WHEN 'HARI' THEN volume * norma_menit END) AS hari, count(*) AS n
        FROM abk_tugas WHERE abk_id = NEW.abk_id AND unit_id = NEW.unit_id AND jabatan_id = NEW.jabatan_id) t
    LEFT JOIN posisi_bezetting b ON b.unit_id = NEW.unit_id AND b.jabatan_id = NEW.jabatan_id
    WHERE t.n > 0 OR (b.jumlah > 0 AND EXISTS (SELECT 1 FROM abk WHERE id = NEW.abk_id));
END;

CREATE TRIGGER abk_posisi_tugas_delete AFTER DELETE ON abk_tugas BEGIN
    DELETE FROM abk_posisi WHERE abk_id = OLD.abk_id AND unit_id = OLD.unit_id AND jabatan_id = OLD.jabatan_id;
    INSERT INTO abk_posisi SELECT OLD.abk_id, OLD.unit_id, OLD.jabatan_id, t.tahun, t.bulan, t.minggu, t.hari, t.n, coalesce(b.jumlah, 0)
    FROM (SELECT total(CASE periode WHEN 'TAHUN' THEN volume * norma_menit END) AS tahun,
            total(CASE periode WHEN 'BULAN' THEN volume * norma_menit END) AS bulan,
            total(CASE periode WHEN 'MINGGU' THEN volume * norma_menit END) AS minggu,
            total(CASE periode WHEN 'HARI' THEN volume * norma_menit END) AS hari, count(*) AS n
        FROM abk_tugas WHERE abk_id = OLD.abk_id AND unit_id = OLD.unit_id AND jabatan_id = OLD.jabatan_id) t
    LEFT JOIN posisi_bezetting b ON b.unit_id = OLD.unit_id AND b.jabatan_id = OLD.jabatan_id
    WHERE t.n > 0 OR (b.jumlah > 0 AND EXISTS (SELECT 1 FROM abk WHERE id = OLD.abk_id));
END;

-- Only when a column the sums depend on changed (urutan sets their order); a
-- sync upsert rewrites every column of the row.
CREATE TRIGGER abk_posisi_tugas_update AFTER UPDATE OF abk_id, unit_id, jabatan_id, urutan, volume, periode, norma_menit ON abk_tugas
WHEN OLD.abk_id IS NOT NEW.abk_id OR OLD.unit_id IS NOT NEW.unit_id OR OLD.jabatan_id IS NOT NEW.jabatan_id
    OR OLD.urutan IS NOT NEW.urutan OR OLD.volume IS NOT NEW.volume OR OLD.periode IS NOT NEW.periode OR OLD.norma_menit IS NOT NEW.norma_menit
BEGIN
    DELETE FROM abk_posisi WHERE abk_id = OLD.abk_id AND unit_id = OLD.unit_id AND jabatan_id = OLD.jabatan_id;
    INSERT INTO abk_posisi SELECT OLD.abk_id, OLD.unit_id, OLD.jabatan_id, t.tahun, t.bulan, t.minggu, t.hari, t.n, coalesce(b.jumlah, 0)
    FROM (SELECT total(CASE periode WHEN 'TAHUN' THEN volume * norma_menit END) AS tahun,
            total(CASE periode WHEN 'BULAN' THEN volume * norma_menit END) AS bulan,
            total(CASE periode WHEN 'MINGGU' THEN volume * norma_menit END) AS minggu,
            total(CASE periode WHEN 'HARI' THEN volume * norma_menit END) AS hari, count(*) AS n
        FROM abk_tugas WHERE abk_id = OLD.abk_id AND unit_id = OLD.unit_id AND jabatan_id = OLD.jabatan_id) t
    LEFT JOIN posisi_bezetting b ON b.unit_id = OLD.unit_id AND b.jabatan_id = OLD.jabatan_id
    WHERE t.n > 0 OR (b.jumlah > 0 AND EXISTS (SELECT 1 FROM abk WHERE id = OLD.abk_id));
    DELETE FROM abk_posisi WHERE abk_id = NEW.abk_id AND unit_id = NEW.unit_id AND jabatan_id = NEW.jabatan_id;
    INSERT INTO abk_posisi SELECT NEW.abk_id, NEW.unit_id, NEW.jabatan_id, t.tahun, t.bulan, t.minggu, t.hari, t.n, coalesce(b.jumlah, 0)
    FROM (SELECT total(CASE periode WHEN 'TAHUN' THEN volume * norma_menit END) AS tahun,
            total(CASE periode WHEN 'BULAN' THEN volume * norma_menit END) AS bulan,
            total(CASE periode WHEN 'MINGGU' THEN volume * norma_menit END) AS minggu,
            total(CASE periode WHEN 'HARI' THEN volume * norma_menit END) AS hari, count(*) AS n
        FROM abk_tugas WHERE abk_id = NEW.abk_id AND unit_id = NEW.unit_id AND jabatan_id = NEW.jabatan_id) t
    LEFT JOIN posisi_bezetting b ON b.unit_id = NEW.unit_id AND b.jabatan_id = NEW.jabatan_id
    WHERE t.n > 0 OR (b.jumlah > 0 AND EXISTS (SELECT 1 FROM abk WHERE id = NEW.abk_id));
END;

-- An ABK: the rows of its tasks are there already (kept whether or not the
-- ABK row is); the positions with people join them.
CREATE TRIGGER abk_posisi_abk_insert AFTER INSERT ON abk BEGIN
    INSERT INTO abk_posisi SELECT NEW.id, unit_id, jabatan_id, 0, 0, 0, 0, 0, jumlah FROM posisi_bezetting WHERE true ON CONFLICT DO NOTHING;
END;

-- Without the ABK only its task rows stay (as 0014 kept them).
CREATE TRIGGER abk_posisi_abk_delete AFTER DELETE ON abk BEGIN
    DELETE FROM abk_posisi WHERE abk_id = OLD.id AND tugas = 0;
END;

CREATE TRIGGER abk_posisi_abk_update AFTER UPDATE OF id ON abk WHEN OLD.id IS NOT NEW.id BEGIN
    DELETE FROM abk_posisi WHERE abk_id = OLD.id AND tugas = 0;
    INSERT INTO abk_posisi SELECT NEW.id, unit_id, jabatan_id, 0, 0, 0, 0, 0, jumlah FROM posisi_bezetting WHERE true ON CONFLICT DO NOTHING;
END;

-- People: 0014's recount of posisi_bezetting, now only when the position or
-- the in-post state changed (an edit of a name rewrites every column), and
-- written in place (a count of 0 is written, then its row removed) so an
-- unchanged position is not deleted and inserted again.
DROP TRIGGER posisi_bezetting_insert;
DROP TRIGGER posisi_bezetting_delete;
DROP TRIGGER posisi_bezetting_update;

CREATE TRIGGER posisi_bezetting_insert AFTER INSERT ON pegawai WHEN NEW.keluar_pada = '' BEGIN
    INSERT INTO posisi_bezetting SELECT NEW.unit_id, NEW.jabatan_id, count(*) FROM pegawai
    WHERE unit_id = NEW.unit_id AND jabatan_id = NEW.jabatan_id AND keluar_pada = ''
    ON CONFLICT DO UPDATE SET jumlah = excluded.jumlah WHERE jumlah <> excluded.jumlah;
    DELETE FROM posisi_bezetting WHERE unit_id = NEW.unit_id AND jabatan_id = NEW.jabatan_id AND jumlah = 0;
END;

CREATE TRIGGER posisi_bezetting_delete AFTER DELETE ON pegawai WHEN OLD.keluar_pada = '' BEGIN
    INSERT INTO posisi_bezetting SELECT OLD.unit_id, OLD.jabatan_id, count(*) FROM pegawai
    WHERE unit_id = OLD.unit_id AND jabatan_id = OLD.jabatan_id AND keluar_pada = ''
    ON CONFLICT DO UPDATE SET jumlah = excluded.jumlah WHERE jumlah <> excluded.jumlah;
    DELETE FROM posisi_bezetting WHERE unit_id = OLD.unit_id AND jabatan_id = OLD.jabatan_id AND jumlah = 0;
END;

CREATE TRIGGER posisi_bezetting_update AFTER UPDATE OF unit_id, jabatan_id, keluar_pada ON pegawai
WHEN OLD.unit_id IS NOT NEW.unit_id OR OLD.jabatan_id IS NOT NEW.jabatan_id OR (OLD.keluar_pada = '') IS NOT (NEW.keluar_pada = '')
BEGIN
    INSERT INTO posisi_bezetting SELECT OLD.unit_id, OLD.jabatan_id, count(*) FROM pegawai
    WHERE unit_id = OLD.unit_id AND jabatan_id = OLD.jabatan_id AND keluar_pada = ''
    ON CONFLICT DO UPDATE SET jumlah = excluded.jumlah WHERE jumlah <> excluded.jumlah;
    DELETE FROM posisi_bezetting WHERE unit_id = OLD.unit_id AND jabatan_id = OLD.jabatan_id AND jumlah = 0;
    INSERT INTO posisi_bezetting SELECT NEW.unit_id, NEW.jabatan_id, count(*) FROM pegawai
    WHERE unit_id = NEW.unit_id AND jabatan_id = NEW.jabatan_id AND keluar_pada = ''
    ON CONFLICT DO UPDATE SET jumlah = excluded.jumlah WHERE jumlah <> excluded.jumlah;
    DELETE FROM posisi_bezetting WHERE unit_id = NEW.unit_id AND jabatan_id = NEW.jabatan_id AND jumlah = 0;
END;

-- posisi_bezetting → abk_posisi: the position's row in every ABK (and in the
-- task rows of an ABK id not in abk) carries the count.
CREATE TRIGGER abk_posisi_bezetting_insert AFTER INSERT ON posisi_bezetting WHEN NEW.jumlah > 0 BEGIN
    INSERT INTO abk_posisi SELECT a.id, NEW.unit_id, NEW.jabatan_id, 0, 0, 0, 0, 0, NEW.jumlah FROM abk a WHERE true
    ON CONFLICT DO UPDATE SET bezetting = excluded.bezetting;
    UPDATE abk_posisi SET bezetting = NEW.jumlah WHERE unit_id = NEW.unit_id AND jabatan_id = NEW.jabatan_id AND bezetting <> NEW.jumlah;
END;

CREATE TRIGGER abk_posisi_bezetting_update AFTER UPDATE OF jumlah ON posisi_bezetting WHEN NEW.jumlah > 0 BEGIN
    UPDATE abk_posisi SET bezetting = NEW.jumlah WHERE unit_id = NEW.unit_id AND jabatan_id = NEW.jabatan_id AND bezetting <> NEW.jumlah;
END;

CREATE TRIGGER abk_posisi_bezetting_delete AFTER DELETE ON posisi_bezetting BEGIN
    DELETE FROM abk_posisi WHERE unit_id = OLD.unit_id AND jabatan_id = OLD.jabatan_id AND tugas = 0;
    UPDATE abk_posisi SET bezetting = 0 WHERE unit_id = OLD.unit_id AND jabatan_id = OLD.jabatan_id;
END;
