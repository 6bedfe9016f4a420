-- name: GroupPersons :many
-- group_persons: distinct registered attendees of active group activities,
-- de-duplicated over the area. Rolling 12-month windows are counted from each
-- person's successive months (see _8_reach_counts.sql) rather than by
-- repeating every month 12 times.
-- Areas and periods are numbered first, so that the large aggregates and
-- windows group on integers only.
WITH cal AS (
    SELECT month_start, year(month_start) * 12 + month(month_start) - 1 AS mi FROM months
),
area_ids AS (
    SELECT area_level, area_code, row_number() OVER (ORDER BY area_level, area_code)::INTEGER AS area_id
    FROM (SELECT DISTINCT area_level, area_code FROM areas)
),
members AS (
    SELECT i.area_id, a.neighbourhood FROM areas a JOIN area_ids i USING (area_level, area_code)
),
period_ids AS (
    SELECT period_type, period_start, row_number() OVER (ORDER BY period_type, period_start)::INTEGER AS period_id
    FROM (SELECT DISTINCT period_type, period_start FROM periods WHERE period_type <> 'rolling_12m')
),
period_months AS (
    SELECT i.period_id, p.month_start FROM periods p JOIN period_ids i USING (period_type, period_start)
),
am AS (
    SELECT DISTINCT m.area_id, t.month_start, cal.mi, t.person_id
    FROM contacts t
    JOIN members m USING (neighbourhood)
    JOIN cal USING (month_start)
    WHERE t.group_sessions > 0
),
short AS (
    SELECT am.area_id, p.period_id, count(DISTINCT am.person_id) AS n
    FROM am JOIN period_months p USING (month_start)
    GROUP BY ALL
),
occ AS (
    SELECT area_id, mi,
           least(coalesce(lead(mi) OVER (PARTITION BY area_id, person_id ORDER BY mi), mi + 12), mi + 12) AS hi
    FROM am
),
steps AS (
    SELECT area_id, step_mi, sum(d) AS d
    FROM (SELECT area_id, mi AS step_mi, 1 AS d FROM occ
          UNION ALL SELECT area_id, hi, -1 FROM occ)
    GROUP BY ALL
),
rolling AS (
    SELECT g.area_id, cal.month_start,
           sum(coalesce(s.d, 0)) OVER (PARTITION BY g.area_id ORDER BY cal.mi
                                       ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS n
    FROM area_ids g
    CROSS JOIN cal
    LEFT JOIN steps s ON s.area_id = g.area_id AND s.step_mi = cal.mi
),
agg AS (
    SELECT a.area_level, a.area_code, p.period_type, p.period_start, s.n
    FROM short s JOIN area_ids a USING (area_id) JOIN period_ids p USING (period_id)
    UNION ALL
    SELECT a.area_level, a.area_code, 'rolling_12m', (r.month_start - INTERVAL 11 MONTH)::DATE, r.n
    FROM rolling r JOIN area_ids a USING (area_id)
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
