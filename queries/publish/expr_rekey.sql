-- name: ExprRekey (select-list item)
-- An identifier re-keyed for one recipient: the first 128 bits of SHA-256 of
-- the recipient's salt, the kind of identifier and the value as text, as a
-- UHUGEINT. A number, not text: DuckDB 1.5 writes a text column whose last
-- segment is 80 % full or more with the unused middle of its buffer left as
-- it was (string_uncompressed.cpp, FinalizeAppend), bytes of the process's
-- memory; a fixed-size column has no such gap. %[1]s is the quoted column,
-- %[2]s the quoted kind, %[3]s the column as text (a binary pseudonym as its
-- lowercase hex, so re-keyed values do not depend on how the store keeps it).
CASE WHEN %[1]s IS NULL THEN NULL ELSE
  (('0x' || substr(sha256(concat($salt, ':', %[2]s, ':', %[3]s)), 1, 16))::UBIGINT::UHUGEINT << 64)
  | ('0x' || substr(sha256(concat($salt, ':', %[2]s, ':', %[3]s)), 17, 16))::UBIGINT::UHUGEINT
END AS %[1]s
