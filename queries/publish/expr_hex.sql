-- name: ExprHex (select-list item)
-- A binary identifier (the pseudonym, stored as its 32 bytes) as the
-- lowercase hex text that snapshots and exports carry.
lower(hex(%[1]s))
