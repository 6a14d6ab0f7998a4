-- Rows a pull or a pull bundle delivered that break a column rule of
-- sync/rules: never applied, kept here with the problem so a person sees
-- them ("1 baris dari server ditolak: …") and nothing stored is odd.
CREATE TABLE sync_quarantine (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    tbl         TEXT NOT NULL,
    row_id      TEXT NOT NULL,
    seq         INTEGER NOT NULL,
    problem     TEXT NOT NULL,
    row         TEXT NOT NULL,
    received_at TEXT NOT NULL,
    UNIQUE (tbl, row_id, seq)
);
