-- +goose Up
-- One entry per scope key of an item (server.ScopeKeys) at its current seq:
-- a pull reads its device's keys by (key, seq) instead of the whole log.
-- Filled for existing items by the store when it opens (meta scope_index).
CREATE TABLE item_scope (
    key text NOT NULL,
    seq bigint NOT NULL,
    PRIMARY KEY (key, seq)
);
CREATE INDEX item_scope_seq ON item_scope (seq);

-- +goose Down
DROP TABLE item_scope;
DELETE FROM meta WHERE key = 'scope_index';
