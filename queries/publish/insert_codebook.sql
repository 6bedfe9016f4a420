-- name: InsertCodebook :exec
-- One part of the codebook text: the parts in order, put end to end, are the text.
INSERT INTO snap.main.codebook VALUES ($part, $markdown)
