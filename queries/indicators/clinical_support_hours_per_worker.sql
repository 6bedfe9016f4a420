-- clinical_support_hours_per_worker: hours of active clinical_support
-- activities ÷ distinct workers with any active activity in the period
-- (workers de-duplicated over the area). Read from the monthly tables
-- compute keeps: the minutes are outreach_hours' of the kind
-- clinical_support (compute_month_sums), the workers those of _workers.sql
-- (compute_month_distinct), per neighbourhood and month.
WITH hours AS (
    SELECT a.area_level, a.area_code, p.period_type, p.period_start, sum(m.num) AS minutes
    FROM compute_month_sums m
    JOIN areas a USING (neighbourhood)
    JOIN periods p USING (month_start)
    WHERE m.indicator = 'outreach_hours' AND m.cell = 'clinical_support'
    GROUP BY ALL
),
workers AS (
    SELECT a.area_level, a.area_code, p.period_type, p.period_start, count(DISTINCT m.x) AS workers
    FROM compute_month_distinct m
    JOIN areas a USING (neighbourhood)
    JOIN periods p USING (month_start)
    WHERE m.indicator = 'clinical_support_hours_per_worker'
    GROUP BY ALL
)
SELECT 'clinical_support_hours_per_worker' AS indicator, '' AS breakdown,
       g.area_level, g.area_code, g.period_type, g.period_start, g.period_end,
       coalesce(h.minutes, 0) / 60.0 AS numerator, coalesce(w.workers, 0)::DOUBLE AS denominator,
       CASE WHEN coalesce(w.workers, 0) > 0 THEN coalesce(h.minutes, 0) / 60.0 / w.workers END AS value,
       NULL::DOUBLE AS ci_low, NULL::DOUBLE AS ci_high,
       g.provisional, false AS unstable, false AS flagged
FROM area_periods g
LEFT JOIN hours h
  ON h.area_level = g.area_level AND h.area_code = g.area_code
 AND h.period_type = g.period_type AND h.period_start = g.period_start
LEFT JOIN workers w
  ON w.area_level = g.area_level AND w.area_code = g.area_code
 AND w.period_type = g.period_type AND w.period_start = g.period_start
ORDER BY g.area_level, g.area_code, g.period_type, g.period_start
