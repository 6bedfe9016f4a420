-- Drop the current version of every (activity, person) this file brings a
-- version at least as recent of (on equal exported_at the later file wins).
DELETE FROM attendance AS cur USING (
    SELECT activity_id, person_key, exported_at FROM attendance_versions WHERE file_id = $file_id
    QUALIFY row_number() OVER (PARTITION BY activity_id, person_key ORDER BY exported_at DESC, line DESC) = 1
) AS inc
WHERE cur.activity_id = inc.activity_id AND cur.person_key = inc.person_key
  AND inc.exported_at >= cur.exported_at;
