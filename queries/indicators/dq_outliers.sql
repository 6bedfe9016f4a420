-- dq_outliers: the monthly counts of activities and of crisis events per
-- neighbourhood (dense). Compute fills value (modified z-score against the
-- same neighbourhood's previous 24 months) and flagged (above 3.5).
WITH counts AS (
    SELECT neighbourhood, month_of(activity_date) AS month_start, 'series=activities' AS cell, count(*) AS n
    FROM activities WHERE status = 'active' GROUP BY ALL
    UNION ALL
    SELECT neighbourhood, date_trunc('month', event_date)::DATE, 'series=crisis_events', count(*)
    FROM crisis_events WHERE status = 'active' GROUP BY ALL
),
cells(breakdown) AS (VALUES ('series=activities'), ('series=crisis_events'))
SELECT 'dq_outliers' AS indicator, c.breakdown,
       g.area_level, g.area_code, g.period_type, g.period_start, g.period_end,
       coalesce(k.n, 0)::DOUBLE AS numerator, NULL::DOUBLE AS denominator, NULL::DOUBLE AS value,
       NULL::DOUBLE AS ci_low, NULL::DOUBLE AS ci_high,
       g.provisional, false AS unstable, false AS flagged
FROM area_periods g
CROSS JOIN cells c
LEFT JOIN counts k
  ON k.neighbourhood = g.area_code AND k.month_start = g.period_start AND k.cell = c.breakdown
WHERE g.period_type = 'month' AND g.area_level = 'neighbourhood'
ORDER BY c.breakdown, g.area_level, g.area_code, g.period_type, g.period_start
