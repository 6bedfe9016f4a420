-- active_partners: distinct partner_id across all active activities, de-duplicated over the area.
WITH f AS (
    SELECT DISTINCT neighbourhood, month_of(activity_date) AS month_start, partner_id AS x
    FROM activities
    WHERE status = 'active' AND partner_id IS NOT NULL
),
agg AS (
    SELECT a.area_level, a.area_code, p.period_type, p.period_start, count(DISTINCT f.x) AS n
    FROM f
    JOIN areas a USING (neighbourhood)
    JOIN periods p USING (month_start)
    GROUP BY ALL
)
SELECT 'active_partners' AS indicator, '' AS breakdown,
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
