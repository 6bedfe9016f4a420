-- collective_events: count of active collective activities (total) and the
-- sum of their participants (breakdown measure=participants).
WITH f AS (
    SELECT neighbourhood, month_of(activity_date) AS month_start,
           count(*) AS events, sum(coalesce(participants, 0)) AS participants
    FROM activities
    WHERE status = 'active' AND kind = 'collective'
    GROUP BY ALL
),
agg AS (
    SELECT a.area_level, a.area_code, p.period_type, p.period_start,
           sum(f.events) AS events, sum(f.participants) AS participants
    FROM f
    JOIN areas a USING (neighbourhood)
    JOIN periods p USING (month_start)
    GROUP BY ALL
),
cells(breakdown) AS (VALUES (''), ('measure=participants'))
SELECT 'collective_events' AS indicator, c.breakdown,
       g.area_level, g.area_code, g.period_type, g.period_start, g.period_end,
       coalesce(CASE WHEN c.breakdown = '' THEN agg.events ELSE agg.participants END, 0)::DOUBLE AS numerator,
       NULL::DOUBLE AS denominator,
       coalesce(CASE WHEN c.breakdown = '' THEN agg.events ELSE agg.participants END, 0)::DOUBLE AS value,
       NULL::DOUBLE AS ci_low, NULL::DOUBLE AS ci_high,
       g.provisional, false AS unstable, false AS flagged
FROM area_periods g
CROSS JOIN cells c
LEFT JOIN agg
  ON agg.area_level = g.area_level AND agg.area_code = g.area_code
 AND agg.period_type = g.period_type AND agg.period_start = g.period_start
ORDER BY c.breakdown, g.area_level, g.area_code, g.period_type, g.period_start
