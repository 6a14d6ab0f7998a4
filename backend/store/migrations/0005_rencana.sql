-- 0005: the rebalancing planner's runs and scenarios (rencana mutasi).
-- Device-local, not synced and not audited row by row: a run is a
-- computation someone asked for on this device; what it changes in the data
-- (the draft requests made from it) goes through the normal synced,
-- audited workflow. A scenario is a run with a parent (induk_id) whose
-- options or weights were edited.
CREATE TABLE rencana_run (
    id             TEXT PRIMARY KEY,
    dibuat         TEXT NOT NULL,            -- created_at, RFC 3339 UTC
    aktor          TEXT NOT NULL,            -- user id
    nama           TEXT NOT NULL DEFAULT '',
    jenis          TEXT NOT NULL,            -- RUN | SKENARIO
    induk_id       TEXT NOT NULL DEFAULT '', -- parent run or scenario
    input_hash     TEXT NOT NULL,            -- planner.InputHash of the solved input
    solver_version TEXT NOT NULL,
    bobot          TEXT NOT NULL,            -- planner.Weights, JSON
    opsi           TEXT NOT NULL,            -- planner.Options, JSON
    hasil          TEXT NOT NULL,            -- planner.Plan, JSON; byte-identical for the same input
    status         TEXT NOT NULL,            -- SELESAI
    abk_id         TEXT NOT NULL DEFAULT '',
    data_version   TEXT NOT NULL DEFAULT '', -- store data version the input was read at
    milidetik      INTEGER NOT NULL DEFAULT 0 -- solve time (kept out of hasil so hasil stays identical)
);
CREATE INDEX rencana_run_dibuat ON rencana_run(dibuat);

-- One line per proposed move: the decision (accept/reject) and, once turned
-- into a draft request, the request id.
CREATE TABLE rencana_baris (
    run_id     TEXT NOT NULL REFERENCES rencana_run(id) ON DELETE CASCADE,
    pegawai_id TEXT NOT NULL,
    urut       INTEGER NOT NULL,               -- order in the plan
    dari       TEXT NOT NULL,                  -- position key unit/jabatan
    ke         TEXT NOT NULL,
    keputusan  TEXT NOT NULL DEFAULT '',       -- '' | DITERIMA | DITOLAK
    usulan_id  TEXT NOT NULL DEFAULT '',       -- draft request made from this line
    PRIMARY KEY (run_id, pegawai_id)
);
