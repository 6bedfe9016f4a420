-- name: AsOfPartners :exec
INSERT INTO work.main.partners SELECT * FROM partners ORDER BY file_id, line
