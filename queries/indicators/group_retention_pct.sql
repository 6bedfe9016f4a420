-- name: GroupRetentionPct :many
-- group_retention_pct: registered attendees with 3 or more sessions in the
-- period (over the area's neighbourhoods) ÷ registered attendees; quarter and
-- longer periods only.
WITH f AS (
    SELECT a.neighbourhood, date_trunc('month', a.activity_date)::DATE AS month_start, t.person_key,
           count(DISTINCT t.activity_id) AS sessions
    FROM attendance t
    JOIN activities a ON a.activity_id = t.activity_id
    WHERE t.status = 'active' AND a.status = 'active' AND a.kind = 'group'
    GROUP BY ALL
),
pp AS (
    SELECT a.area_level, a.area_code, p.period_type, p.period_start, f.person_key, sum(f.sessions) AS sessions
    FROM f
    JOIN areas a USING (neighbourhood)
    JOIN periods p USING (month_start)
    WHERE p.period_type <> 'month'
    GROUP BY ALL
),
agg AS (
    SELECT area_level, area_code, period_type, period_start,
           count(*) FILTER (WHERE sessions >= 3) AS num, count(*) AS den
    FROM pp
    GROUP BY ALL
)
SELECT 'group_retention_pct' AS indicator, '' AS breakdown,
       g.area_level, g.area_code, g.period_type, g.period_start, g.period_end,
       coalesce(agg.num, 0)::DOUBLE AS numerator, coalesce(agg.den, 0)::DOUBLE AS denominator,
       CASE WHEN coalesce(agg.den, 0) > 0 THEN 100.0 * agg.num / agg.den END AS value,
       NULL::DOUBLE AS ci_low, NULL::DOUBLE AS ci_high,
       g.provisional, false AS unstable, false AS flagged
FROM area_periods g
LEFT JOIN agg
  ON agg.area_level = g.area_level AND agg.area_code = g.area_code
 AND agg.period_type = g.period_type AND agg.period_start = g.period_start
WHERE g.period_type <> 'month'
ORDER BY g.area_level, g.area_code, g.period_type, g.period_start
