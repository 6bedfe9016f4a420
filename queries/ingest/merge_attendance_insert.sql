-- name: MergeAttendanceInsert :exec
-- Make this file's latest version of each (activity, person) current, where
-- no newer version is already current.
INSERT INTO attendance
SELECT v.* FROM attendance_versions AS v
WHERE v.file_id = $file_id
  AND NOT EXISTS (SELECT 1 FROM attendance AS cur
                  WHERE cur.activity_id = v.activity_id AND cur.person_key = v.person_key)
QUALIFY row_number() OVER (PARTITION BY v.activity_id, v.person_key ORDER BY v.exported_at DESC, v.line DESC) = 1;
