-- +goose Up
-- Attachment files (server.BlobStore): one record per file, named by its
-- SHA-256, and its bytes in chunks keyed by offset, so every server process
-- on this database serves them without a shared disk. state is the SHA-256
-- state of the bytes received so far (the last chunk is verified without
-- reading the file again).
CREATE TABLE blobs (
    sha256   text PRIMARY KEY,
    size     bigint NOT NULL,
    received bigint NOT NULL DEFAULT 0,
    complete boolean NOT NULL DEFAULT false,
    state    bytea,
    created  text NOT NULL DEFAULT ''
);
CREATE TABLE blob_chunks (
    sha256 text NOT NULL,
    off    bigint NOT NULL,
    n      integer NOT NULL,
    data   bytea NOT NULL,
    PRIMARY KEY (sha256, off)
);

-- +goose Down
DROP TABLE blob_chunks;
DROP TABLE blobs;
