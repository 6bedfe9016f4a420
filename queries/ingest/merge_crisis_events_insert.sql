-- Make this file's latest version of each record current, where no newer
-- version is already current. The current rows are first narrowed to this
-- file's keys, so the anti-join's hash table holds one file, not the store.
INSERT INTO crisis_events
SELECT v.* FROM (
    SELECT * FROM crisis_event_versions WHERE file_id = $file_id
    QUALIFY row_number() OVER (PARTITION BY event_id ORDER BY exported_at DESC, line DESC) = 1
) AS v
ANTI JOIN (
    SELECT cur.event_id FROM crisis_events AS cur
    SEMI JOIN (SELECT event_id FROM crisis_event_versions WHERE file_id = $file_id) AS k USING (event_id)
) AS newer USING (event_id);
