-- name: MergeCrisisEventsInsert :exec
-- Make this file's latest version of each record current, where no newer
-- version is already current.
INSERT INTO crisis_events
SELECT v.* FROM crisis_event_versions AS v
WHERE v.file_id = $file_id
  AND NOT EXISTS (SELECT 1 FROM crisis_events AS cur WHERE cur.event_id = v.event_id)
QUALIFY row_number() OVER (PARTITION BY v.event_id ORDER BY v.exported_at DESC, v.line DESC) = 1;
