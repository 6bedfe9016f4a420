-- group_retention_pct: registered attendees with 3 or more sessions in the
-- period (over the area's neighbourhoods) ÷ registered attendees; quarter and
-- longer periods only. Read from area_person_months (see
-- _8c_area_person_months.sql), where g is, for a month with sessions, the
-- latest month from which the person's sessions up to this month number 3
-- or more. Quarters and fiscal years: a person counts on their last month
-- with sessions in the period, as retained if g is not before the period's
-- start. Rolling 12-month windows: a person whose latest month with sessions
-- is i (next one j) attends the windows ending in [i, min(j, i + 12)) and is
-- retained in those ending before g + 12; these ranges are summed as +1/−1
-- steps and accumulated month by month.
WITH cal AS (
    SELECT DISTINCT month_start, mi FROM period_index WHERE period_type = 'month'
),
grid AS (
    -- The periods of the grid as this connection sees it: an incremental
    -- computation narrows it to the periods it rewrites, whose persons
    -- alone need counting.
    SELECT p.* FROM period_index p SEMI JOIN periods g USING (period_type, period_start)
),
short AS (
    SELECT a.area_id, p.period_id, count(*) FILTER (WHERE a.g >= p.start_mi) AS num, count(*) AS den
    FROM area_person_months a
    JOIN grid p ON p.mi = a.mi AND p.period_type IN ('quarter', 'fiscal_year')
    WHERE a.sessions > 0 AND (a.next_s IS NULL OR a.next_s > p.end_mi)
    GROUP BY a.area_id, p.period_id
),
ranges AS (
    SELECT area_id, mi AS lo,
           least(coalesce(next_s, mi + 12), mi + 12) AS hi,
           -- least() skips NULL, so fewer than 3 sessions gets an empty range explicitly.
           CASE WHEN g IS NULL THEN mi ELSE least(coalesce(next_s, mi + 12), g + 12) END AS hi_num
    FROM area_person_months
    WHERE sessions > 0
),
range_counts AS (
    -- The rows of one area with the same ranges make the same steps: they
    -- are counted first, so that the steps number a few per area and month
    -- instead of four per row.
    SELECT area_id, lo, hi, hi_num, count(*) AS n
    FROM ranges
    GROUP BY ALL
),
steps AS (
    SELECT area_id, step_mi, sum(dn) AS dn, sum(dd) AS dd
    FROM (SELECT area_id, lo AS step_mi, 0 AS dn, n AS dd FROM range_counts
          UNION ALL SELECT area_id, hi, 0, -n FROM range_counts
          UNION ALL SELECT area_id, lo, n, 0 FROM range_counts WHERE hi_num > lo
          UNION ALL SELECT area_id, hi_num, -n, 0 FROM range_counts WHERE hi_num > lo)
    GROUP BY ALL
),
rolling AS (
    SELECT g.area_id, cal.month_start,
           sum(coalesce(s.dn, 0)) OVER r AS num, sum(coalesce(s.dd, 0)) OVER r AS den
    FROM area_index g
    CROSS JOIN cal
    LEFT JOIN steps s ON s.area_id = g.area_id AND s.step_mi = cal.mi
    WINDOW r AS (PARTITION BY g.area_id ORDER BY cal.mi ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
),
agg AS (
    SELECT a.area_level, a.area_code, p.period_type, p.period_start, s.num, s.den
    FROM short s
    JOIN area_index a USING (area_id)
    JOIN (SELECT DISTINCT period_id, period_type, period_start FROM period_index) p USING (period_id)
    UNION ALL
    SELECT a.area_level, a.area_code, 'rolling_12m', (r.month_start - INTERVAL 11 MONTH)::DATE, r.num, r.den
    FROM rolling r JOIN area_index a USING (area_id)
)
SELECT 'group_retention_pct' AS indicator, '' AS breakdown,
       g.area_level, g.area_code, g.period_type, g.period_start, g.period_end,
       coalesce(agg.num, 0)::DOUBLE AS numerator, coalesce(agg.den, 0)::DOUBLE AS denominator,
       CASE WHEN coalesce(agg.den, 0) > 0 THEN 100.0 * agg.num / agg.den END AS value,
       NULL::DOUBLE AS ci_low, NULL::DOUBLE AS ci_high,
       g.provisional, false AS unstable, false AS flagged
FROM area_periods g
LEFT JOIN agg
  ON agg.area_level = g.area_level AND agg.area_code = g.area_code
 AND agg.period_type = g.period_type AND agg.period_start = g.period_start
WHERE g.period_type <> 'month'
ORDER BY g.area_level, g.area_code, g.period_type, g.period_start
