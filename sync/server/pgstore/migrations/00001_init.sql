-- +goose Up
-- The sync server's state (see sync/server/store.go): the same tables as the
-- SQLite store, plus the counter row that allocates the server sequence.
CREATE TABLE meta (
    key   text PRIMARY KEY,
    value text NOT NULL
);

-- One row: the last allocated server sequence. Every Update locks it first
-- (SELECT … FOR UPDATE), so writers are serialised and each sequence number
-- becomes visible only after every smaller one has committed (docs/server-scale.md:
-- a bigserial would let a puller skip a number still in flight).
CREATE TABLE seq_counter (
    id  integer PRIMARY KEY CHECK (id = 1),
    seq bigint NOT NULL
);
INSERT INTO seq_counter (id, seq) VALUES (1, 0);

-- JSON is kept as text so it round-trips byte for byte (jsonb would reformat).
CREATE TABLE items (
    seq     bigint PRIMARY KEY,
    kind    text NOT NULL,
    tbl     text NOT NULL,
    id      text NOT NULL,
    device  text NOT NULL DEFAULT '',
    scope   text NOT NULL DEFAULT '[]',
    former  text NOT NULL DEFAULT '[]',
    deleted boolean NOT NULL DEFAULT false,
    data    text NOT NULL DEFAULT '',
    meta    text NOT NULL DEFAULT '',
    idx     text NOT NULL DEFAULT '{}',
    UNIQUE (kind, tbl, id)
);

CREATE TABLE item_index (
    kind  text NOT NULL,
    tbl   text NOT NULL,
    name  text NOT NULL,
    value text NOT NULL,
    id    text NOT NULL,
    PRIMARY KEY (kind, tbl, name, value, id)
);
CREATE INDEX item_index_id ON item_index (kind, tbl, id);

CREATE TABLE devices (
    id             text PRIMARY KEY,
    opd_kode       text NOT NULL DEFAULT '',
    bkpsdm         boolean NOT NULL DEFAULT false,
    token_hash     text NOT NULL UNIQUE,
    install_id     text NOT NULL DEFAULT '',
    last_local_seq bigint NOT NULL DEFAULT 0,
    resync         boolean NOT NULL DEFAULT false,
    revoked        boolean NOT NULL DEFAULT false,
    created        text NOT NULL DEFAULT ''
);

-- Appended only inside Update (serialised), so n follows commit order.
CREATE TABLE skew (
    n           bigserial PRIMARY KEY,
    device      text NOT NULL,
    stamp       text NOT NULL,
    clamped     text NOT NULL,
    server_time text NOT NULL
);

-- +goose Down
DROP TABLE skew;
DROP TABLE devices;
DROP TABLE item_index;
DROP TABLE items;
DROP TABLE seq_counter;
DROP TABLE meta;
