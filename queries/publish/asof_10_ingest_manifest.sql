-- name: AsOfIngestManifest :exec
-- The files the kept records came from, the reference files, and every
-- file of a load started before the cutoff (the data-quality indicators
-- count loads and rejections by the month the load started).
INSERT INTO work.main.ingest_manifest
SELECT m.* FROM ingest_manifest m
WHERE m.file_id IN (SELECT file_id FROM work.main.activity_versions
                    UNION SELECT file_id FROM work.main.attendance_versions
                    UNION SELECT file_id FROM work.main.crisis_event_versions
                    UNION SELECT file_id FROM work.main.neighbourhoods
                    UNION SELECT file_id FROM work.main.population
                    UNION SELECT file_id FROM work.main.partners)
   OR m.load_id IN (SELECT load_id FROM loads WHERE started_at < $cutoff)
ORDER BY m.file_id
