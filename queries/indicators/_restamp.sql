-- name: Restamp :exec
-- Stamps every value with this computation's stamp: an incremental
-- computation has checked the values it did not rewrite against the data
-- of the same load.
UPDATE indicator_values
SET computed_at = $computed_at::TIMESTAMPTZ
WHERE computed_at IS DISTINCT FROM $computed_at::TIMESTAMPTZ
