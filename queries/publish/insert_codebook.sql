-- name: InsertCodebook :exec
INSERT INTO snap.main.codebook VALUES ($markdown)
