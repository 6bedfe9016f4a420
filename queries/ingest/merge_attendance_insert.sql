-- Make this file's latest version of each record current, where no newer
-- version is already current. The current rows are first narrowed to this
-- file's keys, so the anti-join's hash table holds one file, not the store.
INSERT INTO attendance
SELECT v.* FROM (
    SELECT * FROM attendance_versions WHERE file_id = $file_id
    QUALIFY row_number() OVER (PARTITION BY activity_id, person_key ORDER BY exported_at DESC, line DESC) = 1
) AS v
ANTI JOIN (
    SELECT cur.activity_id, cur.person_key FROM attendance AS cur
    SEMI JOIN (SELECT activity_id, person_key FROM attendance_versions WHERE file_id = $file_id) AS k USING (activity_id, person_key)
) AS newer USING (activity_id, person_key);
