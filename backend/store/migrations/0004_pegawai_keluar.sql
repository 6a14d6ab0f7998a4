-- 0004: an employee who left this Pemda (an outgoing T2–T4 transfer carried
-- out) keeps the record — the NIP stays unique and a returning employee is
-- the same record — with the day of leaving (the SK TMT) and the agency
-- joined. Both empty = current staff; every headcount and list of current
-- staff reads keluar_pada = ''.
ALTER TABLE pegawai ADD COLUMN keluar_pada TEXT NOT NULL DEFAULT '';
ALTER TABLE pegawai ADD COLUMN instansi_tujuan TEXT NOT NULL DEFAULT '';
CREATE INDEX pegawai_keluar ON pegawai(keluar_pada);
