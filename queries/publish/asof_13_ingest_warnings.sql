-- name: AsOfIngestWarnings :exec
INSERT INTO work.main.ingest_warnings
SELECT * FROM ingest_warnings WHERE file_id IN (SELECT file_id FROM work.main.ingest_manifest)
ORDER BY ALL
