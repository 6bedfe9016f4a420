-- 0009: whose store this is. The fingerprint of the pseudonymization key
-- (never the key) is recorded by the first ingest, so that an export
-- pseudonymized under another key cannot be mixed in silently; the centre is
-- recorded by the first publish and goes into every research snapshot.

CREATE TABLE store_identity (
    key_fingerprint VARCHAR NOT NULL,
    centre_id       VARCHAR,
    centre_name     VARCHAR
);
COMMENT ON TABLE store_identity IS 'One row: the fingerprint of the pseudonymization key the store''s pseudonyms were made with, and the centre the store belongs to.';
COMMENT ON COLUMN store_identity.key_fingerprint IS 'HMAC-SHA-256 of a fixed label under the pseudonymization key, first 16 hex digits: tells keys apart, reveals nothing of the key.';
COMMENT ON COLUMN store_identity.centre_id IS 'Configured centre id (centre.id), recorded by the first publish; NULL until then.';
COMMENT ON COLUMN store_identity.centre_name IS 'Configured centre name (centre.name).';
