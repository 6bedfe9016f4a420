-- Drop the current version of every record this file brings a version at
-- least as recent of (on equal exported_at the later-loaded file wins).
DELETE FROM crisis_events AS cur USING (
    SELECT event_id, exported_at FROM crisis_event_versions WHERE file_id = $file_id
    QUALIFY row_number() OVER (PARTITION BY event_id ORDER BY exported_at DESC, line DESC) = 1
) AS inc
WHERE cur.event_id = inc.event_id AND inc.exported_at >= cur.exported_at;
