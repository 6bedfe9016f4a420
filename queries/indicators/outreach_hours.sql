-- name: OutreachHours :many
-- outreach_hours: sum of duration_min ÷ 60, in total and per kind (minutes are
-- summed as integers and divided last, so the result does not depend on the
-- order of addition).
WITH f AS (
    SELECT neighbourhood, month_of(activity_date) AS month_start,
           kind AS cell, sum(duration_min) AS n
    FROM activities
    WHERE status = 'active'
    GROUP BY ALL
),
agg AS (
    SELECT a.area_level, a.area_code, p.period_type, p.period_start, f.cell, sum(f.n) AS n
    FROM f
    JOIN areas a USING (neighbourhood)
    JOIN periods p USING (month_start)
    GROUP BY ALL
),
cells(breakdown, cell) AS (
    VALUES
        ('', NULL::VARCHAR),
        ('kind=individual', 'individual'),
        ('kind=group', 'group'),
        ('kind=collective', 'collective'),
        ('kind=organizational', 'organizational'),
        ('kind=clinical_support', 'clinical_support')
)
SELECT 'outreach_hours' AS indicator, c.breakdown,
       g.area_level, g.area_code, g.period_type, g.period_start, g.period_end,
       coalesce(sum(agg.n), 0) / 60.0 AS numerator, NULL::DOUBLE AS denominator,
       coalesce(sum(agg.n), 0) / 60.0 AS value,
       NULL::DOUBLE AS ci_low, NULL::DOUBLE AS ci_high,
       g.provisional, false AS unstable, false AS flagged
FROM area_periods g
CROSS JOIN cells c
LEFT JOIN agg
  ON agg.area_level = g.area_level AND agg.area_code = g.area_code
 AND agg.period_type = g.period_type AND agg.period_start = g.period_start
 AND (c.cell IS NULL OR agg.cell = c.cell)
GROUP BY c.breakdown, g.area_level, g.area_code, g.period_type, g.period_start, g.period_end, g.provisional
ORDER BY c.breakdown, g.area_level, g.area_code, g.period_type, g.period_start
