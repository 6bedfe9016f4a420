-- name: AsOfLoads :exec
INSERT INTO work.main.loads
SELECT * FROM loads WHERE load_id IN (SELECT load_id FROM work.main.ingest_manifest) ORDER BY load_id
