-- +goose Up
-- Published desktop releases (sync/server/releases.go): the signed manifest,
-- the file in chunks, the version each device runs, and the rollbacks the
-- devices reported.
CREATE TABLE releases (
    version  text NOT NULL,
    platform text NOT NULL,
    sha256   text NOT NULL,
    size     bigint NOT NULL,
    signed   text NOT NULL,
    created  text NOT NULL,
    PRIMARY KEY (version, platform)
);

CREATE TABLE release_chunks (
    sha256 text NOT NULL,
    n      integer NOT NULL,
    data   bytea NOT NULL,
    PRIMARY KEY (sha256, n)
);

CREATE TABLE device_versions (
    device   text PRIMARY KEY,
    version  text NOT NULL,
    platform text NOT NULL,
    seen     text NOT NULL
);

CREATE TABLE release_reports (
    n        bigserial PRIMARY KEY,
    device   text NOT NULL,
    version  text NOT NULL,
    event    text NOT NULL,
    detail   text NOT NULL,
    at       text NOT NULL,
    received text NOT NULL
);

-- +goose Down
DROP TABLE release_reports;
DROP TABLE device_versions;
DROP TABLE release_chunks;
DROP TABLE releases;
