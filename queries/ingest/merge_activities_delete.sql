-- Drop the current version of every record this file brings a version at
-- least as recent of (on equal exported_at the later-loaded file wins).
DELETE FROM activities AS cur USING (
    SELECT activity_id, exported_at FROM activity_versions WHERE file_id = $file_id
    QUALIFY row_number() OVER (PARTITION BY activity_id ORDER BY exported_at DESC, line DESC) = 1
) AS inc
WHERE cur.activity_id = inc.activity_id AND inc.exported_at >= cur.exported_at;
