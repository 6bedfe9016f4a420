-- crisis_rate: crisis events ÷ person-years × 1,000. The Garwood interval
-- needs chi-square quantiles, so compute fills ci_low and ci_high afterwards
-- (internal/stats.PoissonCI of the numerator ÷ person-years × 1,000).
WITH f AS (
    SELECT neighbourhood, date_trunc('month', event_date)::DATE AS month_start, count(*) AS n
    FROM crisis_events
    WHERE status = 'active'
    GROUP BY ALL
),
agg AS (
    SELECT a.area_level, a.area_code, p.period_type, p.period_start, sum(f.n) AS n
    FROM f
    JOIN areas a USING (neighbourhood)
    JOIN periods p USING (month_start)
    GROUP BY ALL
)
SELECT 'crisis_rate' AS indicator, '' AS breakdown,
       g.area_level, g.area_code, g.period_type, g.period_start, g.period_end,
       coalesce(agg.n, 0)::DOUBLE AS numerator, g.person_years AS denominator,
       CASE WHEN g.person_years > 0 THEN 1000.0 * coalesce(agg.n, 0) / g.person_years END AS value,
       NULL::DOUBLE AS ci_low, NULL::DOUBLE AS ci_high,
       g.provisional, g.person_years > 0 AND coalesce(agg.n, 0) < 10 AS unstable, false AS flagged
FROM area_periods g
LEFT JOIN agg
  ON agg.area_level = g.area_level AND agg.area_code = g.area_code
 AND agg.period_type = g.period_type AND agg.period_start = g.period_start
ORDER BY g.area_level, g.area_code, g.period_type, g.period_start
