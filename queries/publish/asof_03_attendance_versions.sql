-- name: AsOfAttendanceVersions :exec
-- Attendance versions exported before the cutoff, of activities kept.
INSERT INTO work.main.attendance_versions
SELECT * FROM attendance_versions
WHERE exported_at < $cutoff
  AND activity_id IN (SELECT activity_id FROM work.main.activity_versions)
ORDER BY file_id, line
