-- Marks superseded what this file's rows replace, by the re-export rule:
-- the latest exported_at wins; on a tie the later-loaded file, then the
-- later line. Within the file, every version but the winner of each key
-- (exported_at, then line) is superseded; that winner then meets the
-- record's current version from earlier files, if any, and the older of
-- the two (the earlier file's on equal exported_at) is superseded. Only the
-- versions of this file's keys are read back, and only replaced versions are
-- written, so a file of new records appends nothing here.
-- %[1]s is the kind's versions table, %[2]s its key columns (activity_id;
-- activity_id, person_key; event_id), %[3]s the same with the prefix "v.".
INSERT INTO superseded_versions (file_id, line, by_file_id)
WITH inc AS (
    SELECT %[2]s, exported_at, line,
           row_number() OVER (PARTITION BY %[2]s ORDER BY exported_at DESC, line DESC) AS place
    FROM %[1]s WHERE file_id = $file_id
),
cur AS (
    SELECT %[3]s, v.exported_at, v.file_id, v.line
    FROM %[1]s AS v
    SEMI JOIN inc USING (%[2]s)
    ANTI JOIN superseded_versions AS s ON s.file_id = v.file_id AND s.line = v.line
    WHERE v.file_id <> $file_id
)
SELECT $file_id, line, $file_id FROM inc WHERE place > 1
UNION ALL
SELECT CASE WHEN w.exported_at >= c.exported_at THEN c.file_id ELSE $file_id END,
       CASE WHEN w.exported_at >= c.exported_at THEN c.line ELSE w.line END,
       $file_id
FROM inc AS w JOIN cur AS c USING (%[2]s)
WHERE w.place = 1;
