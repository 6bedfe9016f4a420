-- name: AsOfActivities :exec
-- The current version of each activity among those: latest exported_at,
-- then the later-loaded file, then the later line (ingest's rule). The
-- work store's activities is the view of the versions not superseded, so
-- the others are marked superseded.
INSERT INTO work.main.superseded_versions (file_id, line)
SELECT file_id, line FROM work.main.activity_versions
QUALIFY row_number() OVER (PARTITION BY activity_id ORDER BY exported_at DESC, file_id DESC, line DESC) > 1
ORDER BY file_id, line
