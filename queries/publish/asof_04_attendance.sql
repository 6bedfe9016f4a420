-- name: AsOfAttendance :exec
-- The current version of each (activity, person) among those (the others
-- are marked superseded).
INSERT INTO work.main.superseded_versions (file_id, line)
SELECT file_id, line FROM work.main.attendance_versions
QUALIFY row_number() OVER (PARTITION BY activity_id, person_key ORDER BY exported_at DESC, file_id DESC, line DESC) > 1
ORDER BY file_id, line
