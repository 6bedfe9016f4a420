-- name: RecordRevisions :exec
-- Record, for each value last published by a report, a change made by this
-- computation (a value that differs, or a row that no longer exists), once
-- per new value, naming the load that caused it: $load_id, or the latest
-- load when it is 0.
INSERT INTO indicator_revisions
WITH last_published AS (
    SELECT indicator, breakdown, area_level, area_code, period_type, period_start,
           arg_max(value, published_at) AS value
    FROM published_values
    GROUP BY ALL
),
changed AS (
    SELECT p.indicator, p.breakdown, p.area_level, p.area_code, p.period_type, p.period_start,
           p.value AS old_value, v.value AS new_value
    FROM last_published p
    LEFT JOIN indicator_values v
      ON v.indicator = p.indicator AND v.breakdown = p.breakdown AND v.area_level = p.area_level
     AND v.area_code = p.area_code AND v.period_type = p.period_type AND v.period_start = p.period_start
    WHERE p.value IS DISTINCT FROM v.value
)
SELECT c.indicator, c.breakdown, c.area_level, c.area_code, c.period_type, c.period_start,
       c.old_value, c.new_value,
       coalesce(nullif($load_id::BIGINT, 0), (SELECT max(load_id) FROM loads)), $detected_at
FROM changed c
WHERE NOT EXISTS (
    SELECT 1 FROM indicator_revisions r
    WHERE r.indicator = c.indicator AND r.breakdown = c.breakdown AND r.area_level = c.area_level
      AND r.area_code = c.area_code AND r.period_type = c.period_type AND r.period_start = c.period_start
      AND r.old_value IS NOT DISTINCT FROM c.old_value AND r.new_value IS NOT DISTINCT FROM c.new_value
)
ORDER BY 1, 2, 3, 4, 5, 6
