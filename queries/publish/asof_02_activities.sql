-- name: AsOfActivities :exec
-- The current version of each activity among those: latest exported_at,
-- then the later-loaded file, then the later line (ingest's rule).
INSERT INTO work.main.activities
SELECT * FROM work.main.activity_versions
QUALIFY row_number() OVER (PARTITION BY activity_id ORDER BY exported_at DESC, file_id DESC, line DESC) = 1
ORDER BY file_id, line
