-- +goose Up
-- A device's public bundle keys (hex Ed25519 and X25519): bundles it signs
-- are verified with the first, bundles for it are encrypted to the second.
-- Empty for devices enrolled before bundle keys existed.
ALTER TABLE devices ADD COLUMN sign_key text NOT NULL DEFAULT '';
ALTER TABLE devices ADD COLUMN box_key text NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE devices DROP COLUMN box_key;
ALTER TABLE devices DROP COLUMN sign_key;
