-- dq_outliers: the monthly counts of activities and of crisis events per
-- neighbourhood (dense). Compute fills value (modified z-score against the
-- same neighbourhood's previous 24 months) and flagged (above 3.5).
WITH counts AS (
    -- Per neighbourhood and month, the active activities (the sums of
    -- activities_by_kind over the kinds) and crisis events (crisis_events'
    -- over the services) that compute keeps in compute_month_sums.
    SELECT neighbourhood, month_start,
           CASE indicator WHEN 'activities_by_kind' THEN 'series=activities' ELSE 'series=crisis_events' END AS cell,
           sum(num) AS n
    FROM compute_month_sums
    WHERE indicator IN ('activities_by_kind', 'crisis_events')
    GROUP BY ALL
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
