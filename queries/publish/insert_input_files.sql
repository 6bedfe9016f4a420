-- name: InsertInputFiles :exec
-- The loaded files that records of the snapshot came from, and the reference files.
INSERT INTO snap.main.input_files
SELECT file_name, sha256, kind FROM main.ingest_manifest
WHERE status = 'loaded'
  AND file_id IN (SELECT file_id FROM main.activity_versions
                  UNION SELECT file_id FROM main.attendance_versions
                  UNION SELECT file_id FROM main.crisis_event_versions
                  UNION SELECT file_id FROM main.neighbourhoods
                  UNION SELECT file_id FROM main.population
                  UNION SELECT file_id FROM main.partners)
ORDER BY ALL
