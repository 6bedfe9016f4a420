-- dq_days_since_crisis_event: days from the latest active crisis event dated not after the end
-- of the month to the end of the month, over the area's neighbourhoods;
-- NULL when there is none. Month periods only.
WITH last_per_month AS (
    SELECT neighbourhood, date_trunc('month', event_date)::DATE AS month_start, max(event_date) AS last_date
    FROM crisis_events
    WHERE status = 'active'
    GROUP BY ALL
),
latest AS (
    SELECT g.area_level, g.area_code, g.period_start, max(l.last_date) AS last_date
    FROM area_periods g
    JOIN areas a ON a.area_level = g.area_level AND a.area_code = g.area_code
    JOIN last_per_month l ON l.neighbourhood = a.neighbourhood AND l.month_start <= g.period_start
    WHERE g.period_type = 'month'
    GROUP BY ALL
)
SELECT 'dq_days_since_crisis_event' AS indicator, '' AS breakdown,
       g.area_level, g.area_code, g.period_type, g.period_start, g.period_end,
       date_diff('day', l.last_date, g.period_end)::DOUBLE AS numerator, NULL::DOUBLE AS denominator,
       date_diff('day', l.last_date, g.period_end)::DOUBLE AS value,
       NULL::DOUBLE AS ci_low, NULL::DOUBLE AS ci_high,
       g.provisional, false AS unstable, false AS flagged
FROM area_periods g
LEFT JOIN latest l
  ON l.area_level = g.area_level AND l.area_code = g.area_code AND l.period_start = g.period_start
WHERE g.period_type = 'month'
ORDER BY g.area_level, g.area_code, g.period_type, g.period_start
