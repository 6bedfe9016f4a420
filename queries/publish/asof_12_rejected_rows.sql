-- name: AsOfRejectedRows :exec
INSERT INTO work.main.rejected_rows
SELECT * FROM rejected_rows WHERE file_id IN (SELECT file_id FROM work.main.ingest_manifest)
ORDER BY ALL
