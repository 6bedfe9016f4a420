-- name: GroupPersons :many
-- group_persons: distinct registered attendees of active group activities,
-- de-duplicated over the area. Rolling 12-month windows are counted from each
-- person's successive months (see _9_reach_counts.sql) rather than by
-- repeating every month 12 times.
WITH cal AS (
    SELECT month_start, year(month_start) * 12 + month(month_start) - 1 AS mi FROM months
),
am AS (
    SELECT DISTINCT ar.area_level, ar.area_code, t.month_start, t.person_id
    FROM attendees t
    JOIN areas ar ON ar.neighbourhood = t.neighbourhood
),
short AS (
    SELECT am.area_level, am.area_code, p.period_type, p.period_start, count(DISTINCT am.person_id) AS n
    FROM am JOIN periods p ON p.month_start = am.month_start AND p.period_type <> 'rolling_12m'
    GROUP BY ALL
),
occ AS (
    SELECT am.area_level, am.area_code, cal.mi,
           least(coalesce(lead(cal.mi) OVER (PARTITION BY am.area_level, am.area_code, am.person_id ORDER BY cal.mi),
                          cal.mi + 12), cal.mi + 12) AS hi
    FROM am JOIN cal USING (month_start)
),
steps AS (
    SELECT area_level, area_code, step_mi, sum(d) AS d
    FROM (SELECT area_level, area_code, mi AS step_mi, 1 AS d FROM occ
          UNION ALL SELECT area_level, area_code, hi, -1 FROM occ)
    GROUP BY ALL
),
rolling AS (
    SELECT g.area_level, g.area_code, 'rolling_12m' AS period_type, (cal.month_start - INTERVAL 11 MONTH)::DATE AS period_start,
           sum(coalesce(s.d, 0)) OVER (PARTITION BY g.area_level, g.area_code ORDER BY cal.mi
                                       ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS n
    FROM (SELECT DISTINCT area_level, area_code FROM areas) g
    CROSS JOIN cal
    LEFT JOIN steps s ON s.area_level = g.area_level AND s.area_code = g.area_code AND s.step_mi = cal.mi
),
agg AS (
    SELECT * FROM short
    UNION ALL
    SELECT * FROM rolling
)
SELECT 'group_persons' AS indicator, '' AS breakdown,
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
