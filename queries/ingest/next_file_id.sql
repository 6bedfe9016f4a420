-- name: NextFileID :one
SELECT nextval('file_id_seq');
