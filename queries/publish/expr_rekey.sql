-- name: ExprRekey (select-list item)
-- An identifier re-keyed for one recipient: SHA-256 of the recipient's salt,
-- the kind of identifier and the value as text. %[1]s is the quoted column,
-- %[2]s the quoted kind, %[3]s the column as text.
CASE WHEN %[1]s IS NULL THEN NULL ELSE sha256(concat($salt, ':', %[2]s, ':', %[3]s)) END AS %[1]s
