-- The attachment files' travel through sync (docs/sync-protocol.md,
-- "Files"), per file (SHA-256): whether this device sent it to the server
-- (unggah) and whether it waits for it from the server (unduh). A pulled
-- dokumen_lampiran row marks its file MENUNGGU in the same transaction, so
-- the documents list says "berkas belum diterima" rather than "hilang" until
-- the file arrives. The bytes of a download under way are in
-- <data dir>/lampiran/.terima/<sha256>.part; its size is where it resumes.
CREATE TABLE lampiran_berkas (
    sha256     TEXT PRIMARY KEY,
    unggah     TEXT NOT NULL DEFAULT '',  -- '' or SELESAI (the server has it)
    unduh      TEXT NOT NULL DEFAULT '',  -- '', MENUNGGU or SELESAI
    percobaan  INTEGER NOT NULL DEFAULT 0, -- failed attempts (unknown to the server, wrong bytes)
    pesan      TEXT NOT NULL DEFAULT '',   -- the last failure, in words
    diperbarui TEXT NOT NULL DEFAULT ''
);
