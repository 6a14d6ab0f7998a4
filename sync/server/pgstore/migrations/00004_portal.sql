-- +goose Up
-- The Portal Pegawai's server-private state (sync/server/portal_store.go):
-- accounts, sessions (shared by every process behind a round robin), used
-- activation letters and attempt counters. Never synced.
CREATE TABLE portal_account (
    pegawai_id    text PRIMARY KEY,
    password_hash text NOT NULL,
    totp_secret   text NOT NULL DEFAULT '',
    created       timestamptz NOT NULL,
    updated       timestamptz NOT NULL
);
CREATE TABLE portal_session (
    id_hash    text PRIMARY KEY,
    pegawai_id text NOT NULL DEFAULT '',
    csrf       text NOT NULL,
    lang       text NOT NULL DEFAULT '',
    pending    boolean NOT NULL DEFAULT false,
    created    timestamptz NOT NULL,
    expires    timestamptz NOT NULL,
    last_seen  timestamptz NOT NULL
);
CREATE INDEX portal_session_pegawai ON portal_session (pegawai_id);
CREATE INDEX portal_session_expires ON portal_session (expires);
CREATE TABLE portal_aktivasi_used (
    aktivasi_id text PRIMARY KEY,
    pegawai_id  text NOT NULL,
    used_at     timestamptz NOT NULL
);
CREATE TABLE portal_attempt (
    key     text PRIMARY KEY,
    started timestamptz NOT NULL,
    n       integer NOT NULL
);

-- +goose Down
DROP TABLE portal_attempt;
DROP TABLE portal_aktivasi_used;
DROP TABLE portal_session;
DROP TABLE portal_account;
