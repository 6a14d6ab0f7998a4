-- 0007: local user accounts (docs/accounts.md). pengguna is a SYNCED table (written
-- through store.Tx, so it travels through the outbox and the server can
-- distribute accounts scoped to their OPD): who the user is, their role and
-- OPD, the argon2id hash (an encoded string with its parameters and salt),
-- whether the account is active and whether the password must be changed at
-- next login (after an administrator's reset).
-- The failed-login counter and the lock end are device-local (pengguna_lokal,
-- not synced): a lockout protects this machine against guessing here; syncing
-- it would let one device lock a user out everywhere and would make every
-- failed attempt a synced change.
CREATE TABLE pengguna (
    id            TEXT PRIMARY KEY,
    username      TEXT NOT NULL,
    nama          TEXT NOT NULL,
    role          TEXT NOT NULL,
    opd_id        TEXT NOT NULL DEFAULT '',  -- the OPD of an OPD-bound role
    pegawai_id    TEXT NOT NULL DEFAULT '',  -- the user's own employee record, if any
    password_hash TEXT NOT NULL,
    aktif         INTEGER NOT NULL DEFAULT 1,
    harus_ganti   INTEGER NOT NULL DEFAULT 0 -- must change the password at next login
);
CREATE UNIQUE INDEX pengguna_username ON pengguna(username);

CREATE TABLE pengguna_lokal (
    pengguna_id     TEXT PRIMARY KEY,
    gagal_login     INTEGER NOT NULL DEFAULT 0,
    terkunci_sampai TEXT NOT NULL DEFAULT '', -- RFC 3339; '' = not locked
    masuk_terakhir  TEXT NOT NULL DEFAULT ''
);

-- pengguna is a synced table: the same outbox guard as the others (0006).
CREATE TRIGGER sync_guard_pengguna_insert BEFORE INSERT ON pengguna WHEN NOT EXISTS (SELECT 1 FROM sync_write_ok)
BEGIN SELECT RAISE(ABORT, 'imbang: tabel tersinkron pengguna hanya boleh ditulis lewat jalur tulis (outbox) / synced table pengguna written outside the write path'); END;
CREATE TRIGGER sync_guard_pengguna_update BEFORE UPDATE ON pengguna WHEN NOT EXISTS (SELECT 1 FROM sync_write_ok)
BEGIN SELECT RAISE(ABORT, 'imbang: tabel tersinkron pengguna hanya boleh ditulis lewat jalur tulis (outbox) / synced table pengguna written outside the write path'); END;
CREATE TRIGGER sync_guard_pengguna_delete BEFORE DELETE ON pengguna WHEN NOT EXISTS (SELECT 1 FROM sync_write_ok)
BEGIN SELECT RAISE(ABORT, 'imbang: tabel tersinkron pengguna hanya boleh ditulis lewat jalur tulis (outbox) / synced table pengguna written outside the write path'); END;
