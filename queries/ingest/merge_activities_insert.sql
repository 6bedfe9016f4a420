-- Make this file's latest version of each record current, where no newer
-- version is already current. The current rows are first narrowed to this
-- file's keys, so the anti-join's hash table holds one file, not the store.
INSERT INTO activities
SELECT v.* FROM (
    SELECT * FROM activity_versions WHERE file_id = $file_id
    QUALIFY row_number() OVER (PARTITION BY activity_id ORDER BY exported_at DESC, line DESC) = 1
) AS v
ANTI JOIN (
    SELECT cur.activity_id FROM activities AS cur
    SEMI JOIN (SELECT activity_id FROM activity_versions WHERE file_id = $file_id) AS k USING (activity_id)
) AS newer USING (activity_id);
