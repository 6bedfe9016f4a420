-- dq_gap_neighbourhoods: neighbourhoods of the area with no active activity
-- and no active crisis event in the month although they had some in an
-- earlier month; flagged when above 0. Month periods only.
WITH data_months AS (
    -- The months with an active activity or crisis event of each
    -- neighbourhood: those compute_month_sums holds for activities_by_kind
    -- (every active activity) or crisis_events (every active event).
    SELECT DISTINCT neighbourhood, month_start
    FROM compute_month_sums
    WHERE indicator IN ('activities_by_kind', 'crisis_events')
),
firsts AS (
    SELECT neighbourhood, min(month_start) AS first_month FROM data_months GROUP BY ALL
),
gaps AS (
    SELECT nm.neighbourhood, nm.month_start
    FROM neighbourhood_months nm
    JOIN firsts f ON f.neighbourhood = nm.neighbourhood AND f.first_month < nm.month_start
    ANTI JOIN data_months d ON d.neighbourhood = nm.neighbourhood AND d.month_start = nm.month_start
),
agg AS (
    SELECT a.area_level, a.area_code, g.month_start, count(*) AS n
    FROM gaps g JOIN areas a USING (neighbourhood)
    GROUP BY ALL
)
SELECT 'dq_gap_neighbourhoods' AS indicator, '' AS breakdown,
       g.area_level, g.area_code, g.period_type, g.period_start, g.period_end,
       coalesce(agg.n, 0)::DOUBLE AS numerator, NULL::DOUBLE AS denominator, coalesce(agg.n, 0)::DOUBLE AS value,
       NULL::DOUBLE AS ci_low, NULL::DOUBLE AS ci_high,
       g.provisional, false AS unstable, coalesce(agg.n, 0) > 0 AS flagged
FROM area_periods g
LEFT JOIN agg
  ON agg.area_level = g.area_level AND agg.area_code = g.area_code AND agg.month_start = g.period_start
WHERE g.period_type = 'month'
ORDER BY g.area_level, g.area_code, g.period_type, g.period_start
