-- name: AsOfCrisisEvents :exec
-- The current version of each crisis event among those (the others are
-- marked superseded).
INSERT INTO work.main.superseded_versions (file_id, line)
SELECT file_id, line FROM work.main.crisis_event_versions
QUALIFY row_number() OVER (PARTITION BY event_id ORDER BY exported_at DESC, file_id DESC, line DESC) > 1
ORDER BY file_id, line
