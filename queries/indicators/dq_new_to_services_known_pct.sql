-- name: DqNewToServicesKnownPct :many
-- dq_new_to_services_known_pct: individual activities with new_to_services known ÷ individual activities.
WITH f AS (
    SELECT neighbourhood, month_of(activity_date) AS month_start,
           count(*) FILTER (WHERE new_to_services IS NOT NULL) AS num, count(*) AS den
    FROM activities
    WHERE status = 'active' AND kind = 'individual'
    GROUP BY ALL
),
agg AS (
    SELECT a.area_level, a.area_code, p.period_type, p.period_start, sum(f.num) AS num, sum(f.den) AS den
    FROM f
    JOIN areas a USING (neighbourhood)
    JOIN periods p USING (month_start)
    GROUP BY ALL
)
SELECT 'dq_new_to_services_known_pct' AS indicator, '' AS breakdown,
       g.area_level, g.area_code, g.period_type, g.period_start, g.period_end,
       coalesce(agg.num, 0)::DOUBLE AS numerator, coalesce(agg.den, 0)::DOUBLE AS denominator,
       CASE WHEN coalesce(agg.den, 0) > 0 THEN 100.0 * agg.num / agg.den END AS value,
       NULL::DOUBLE AS ci_low, NULL::DOUBLE AS ci_high,
       g.provisional, false AS unstable, false AS flagged
FROM area_periods g
LEFT JOIN agg
  ON agg.area_level = g.area_level AND agg.area_code = g.area_code
 AND agg.period_type = g.period_type AND agg.period_start = g.period_start
ORDER BY g.area_level, g.area_code, g.period_type, g.period_start
