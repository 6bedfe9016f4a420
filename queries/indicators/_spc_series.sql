-- name: SPCSeries :many
-- The monthly series charted as XmR: crisis_rate, reach_persons and
-- reach_isolated_rate for every area, with the area's earliest outreach
-- start month (for re-basing), in month order.
WITH starts AS (
    SELECT a.area_level, a.area_code, date_trunc('month', min(n.outreach_start))::DATE AS t0
    FROM areas a JOIN neighbourhoods n ON n.code = a.neighbourhood
    GROUP BY ALL
)
SELECT v.indicator, v.area_level, v.area_code, s.t0, v.period_start, v.value
FROM indicator_values v
JOIN starts s ON s.area_level = v.area_level AND s.area_code = v.area_code
WHERE v.period_type = 'month' AND v.breakdown = ''
  AND v.indicator IN ('crisis_rate', 'reach_persons', 'reach_isolated_rate')
ORDER BY v.indicator, v.area_level, v.area_code, v.period_start
