-- partner_sectors: distinct sectors of the active partners (partners unknown to partners.csv have no sector).
WITH f AS (
    SELECT DISTINCT a.neighbourhood, month_of(a.activity_date) AS month_start, pa.sector AS x
    FROM activities a
    JOIN partners pa ON pa.partner_id = a.partner_id
    WHERE a.status = 'active'
),
agg AS (
    SELECT a.area_level, a.area_code, p.period_type, p.period_start, count(DISTINCT f.x) AS n
    FROM f
    JOIN areas a USING (neighbourhood)
    JOIN periods p USING (month_start)
    GROUP BY ALL
)
SELECT 'partner_sectors' AS indicator, '' AS breakdown,
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
