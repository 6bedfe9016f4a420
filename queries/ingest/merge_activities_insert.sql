-- name: MergeActivitiesInsert :exec
-- Make this file's latest version of each record current, where no newer
-- version is already current.
INSERT INTO activities
SELECT v.* FROM activity_versions AS v
WHERE v.file_id = $file_id
  AND NOT EXISTS (SELECT 1 FROM activities AS cur WHERE cur.activity_id = v.activity_id)
QUALIFY row_number() OVER (PARTITION BY v.activity_id ORDER BY v.exported_at DESC, v.line DESC) = 1;
