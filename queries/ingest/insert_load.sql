-- name: InsertLoad :one
INSERT INTO loads (load_id, started_at, program_version)
VALUES (nextval('load_id_seq'), $started_at, $program_version)
RETURNING load_id;
