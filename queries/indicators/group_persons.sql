-- name: GroupPersons :many
-- group_persons: distinct registered attendees of active group activities.
WITH f AS (
    SELECT DISTINCT a.neighbourhood, date_trunc('month', a.activity_date)::DATE AS month_start, t.person_key AS x
    FROM attendance t
    JOIN activities a ON a.activity_id = t.activity_id
    WHERE t.status = 'active' AND a.status = 'active' AND a.kind = 'group'
),
agg AS (
    SELECT a.area_level, a.area_code, p.period_type, p.period_start, count(DISTINCT f.x) AS n
    FROM f
    JOIN areas a USING (neighbourhood)
    JOIN periods p USING (month_start)
    GROUP BY ALL
)
SELECT 'group_persons' AS indicator, '' AS breakdown,
       g.area_level, g.area_code, g.period_type, g.period_start, g.period_end,
       coalesce(agg.n, 0)::DOUBLE AS numerator, NULL::DOUBLE AS denominator,
       coalesce(agg.n, 0)::DOUBLE AS value,
       NULL::DOUBLE AS ci_low, NULL::DOUBLE AS ci_high,
       g.provisional, false AS unstable, false AS flagged
FROM area_periods g
LEFT JOIN agg
  ON agg.area_level = g.area_level AND agg.area_code = g.area_code
 AND agg.period_type = g.period_type AND agg.period_start = g.period_start
ORDER BY g.area_level, g.area_code, g.period_type, g.period_start
