-- name: InsertAbout :exec
INSERT INTO snap.main.about VALUES ($key, $value)
