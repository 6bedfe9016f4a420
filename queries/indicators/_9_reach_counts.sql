-- name: FillReachCounts :exec
-- Distinct persons per area and period: a person's attribute is the value
-- with the greatest recency key among their contacts in the area and period.
-- Months, quarters and fiscal years group the area-month rows directly.
-- Rolling 12-month windows would multiply the rows by 12, so they are
-- counted from each person's successive months instead: a person met in
-- month i (next met in month j) is in the windows ending in months
-- [i, min(j, i + 12)); the latest known attribute up to month i, known in
-- month k, holds in those windows ending before k + 12. These ranges are
-- summed as +1/−1 steps and accumulated month by month.
INSERT INTO reach_counts
WITH cal AS (
    SELECT month_start, year(month_start) * 12 + month(month_start) - 1 AS mi FROM months
),
am AS (
    SELECT a.area_level, a.area_code, c.month_start, c.person_id,
           arg_max(c.lives_alone, c.lives_alone_key) FILTER (WHERE c.lives_alone_key IS NOT NULL) AS la,
           max(c.lives_alone_key) AS la_key,
           arg_max(c.new_to_services, c.new_key) FILTER (WHERE c.new_key IS NOT NULL) AS nts,
           max(c.new_key) AS nts_key
    FROM contacts c
    JOIN areas a USING (neighbourhood)
    GROUP BY ALL
),
short AS (
    SELECT am.area_level, am.area_code, p.period_type, p.period_start, am.person_id,
           arg_max(am.la, am.la_key) FILTER (WHERE am.la_key IS NOT NULL) AS la,
           arg_max(am.nts, am.nts_key) FILTER (WHERE am.nts_key IS NOT NULL) AS nts
    FROM am
    JOIN periods p ON p.month_start = am.month_start AND p.period_type <> 'rolling_12m'
    GROUP BY ALL
),
occ AS (
    -- Running maxima of month × 2 + value give, for each contact month, the
    -- month and value of the latest known attribute so far.
    SELECT am.area_level, am.area_code, cal.mi,
           lead(cal.mi) OVER w AS next_mi,
           max(CASE WHEN am.la IS NOT NULL THEN cal.mi * 2 + am.la::INT END) OVER w AS la_code,
           max(CASE WHEN am.nts IS NOT NULL THEN cal.mi * 2 + am.nts::INT END) OVER w AS nts_code
    FROM am JOIN cal USING (month_start)
    WINDOW w AS (PARTITION BY am.area_level, am.area_code, am.person_id ORDER BY cal.mi
                 ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
),
ranges AS (
    SELECT area_level, area_code, mi AS lo,
           least(coalesce(next_mi, mi + 12), mi + 12) AS hi,
           -- least() skips NULL, so an attribute never known gets an empty range explicitly.
           CASE WHEN la_code IS NULL THEN mi ELSE least(coalesce(next_mi, mi + 12), mi + 12, la_code // 2 + 12) END AS hi_la,
           coalesce(la_code % 2, 0) AS la_yes,
           CASE WHEN nts_code IS NULL THEN mi ELSE least(coalesce(next_mi, mi + 12), mi + 12, nts_code // 2 + 12) END AS hi_nts,
           coalesce(nts_code % 2, 0) AS nts_yes
    FROM occ
),
steps AS (
    SELECT area_level, area_code, lo AS step_mi, 1 AS p, 0 AS lk, 0 AS ly, 0 AS nk, 0 AS ny FROM ranges
    UNION ALL SELECT area_level, area_code, hi, -1, 0, 0, 0, 0 FROM ranges
    UNION ALL SELECT area_level, area_code, lo, 0, 1, la_yes, 0, 0 FROM ranges WHERE hi_la > lo
    UNION ALL SELECT area_level, area_code, hi_la, 0, -1, -la_yes, 0, 0 FROM ranges WHERE hi_la > lo
    UNION ALL SELECT area_level, area_code, lo, 0, 0, 0, 1, nts_yes FROM ranges WHERE hi_nts > lo
    UNION ALL SELECT area_level, area_code, hi_nts, 0, 0, 0, -1, -nts_yes FROM ranges WHERE hi_nts > lo
),
step_sums AS (
    SELECT area_level, area_code, step_mi, sum(p) AS p, sum(lk) AS lk, sum(ly) AS ly, sum(nk) AS nk, sum(ny) AS ny
    FROM steps
    GROUP BY ALL
),
rolling AS (
    SELECT g.area_level, g.area_code, cal.month_start,
           sum(coalesce(s.p, 0)) OVER r AS persons,
           sum(coalesce(s.lk, 0)) OVER r AS la_known, sum(coalesce(s.ly, 0)) OVER r AS la_yes,
           sum(coalesce(s.nk, 0)) OVER r AS nts_known, sum(coalesce(s.ny, 0)) OVER r AS nts_yes
    FROM (SELECT DISTINCT area_level, area_code FROM areas) g
    CROSS JOIN cal
    LEFT JOIN step_sums s ON s.area_level = g.area_level AND s.area_code = g.area_code AND s.step_mi = cal.mi
    WINDOW r AS (PARTITION BY g.area_level, g.area_code ORDER BY cal.mi ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
)
SELECT area_level, area_code, period_type, period_start,
       count(*),
       count(la), count(*) FILTER (WHERE la),
       count(nts), count(*) FILTER (WHERE nts)
FROM short
GROUP BY ALL
UNION ALL
SELECT area_level, area_code, 'rolling_12m', (month_start - INTERVAL 11 MONTH)::DATE,
       persons, la_known, la_yes, nts_known, nts_yes
FROM rolling
WHERE persons > 0
