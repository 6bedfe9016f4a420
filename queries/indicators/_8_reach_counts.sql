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
-- Areas and periods are numbered first, so that the large aggregates and
-- windows group on integers only.
INSERT INTO reach_counts
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
    -- A recency key ends with its value's bit (see _7_contacts.sql), so the
    -- greatest key carries the winning value at every level.
    SELECT m.area_id, c.month_start, c.person_id,
           max(c.lives_alone_key) AS la_key, max(c.new_key) AS nts_key
    FROM contacts c
    JOIN members m USING (neighbourhood)
    GROUP BY ALL
),
short AS (
    SELECT am.area_id, p.period_id, am.person_id,
           (max(am.la_key) & 1) = 1 AS la, (max(am.nts_key) & 1) = 1 AS nts
    FROM am
    JOIN period_months p USING (month_start)
    GROUP BY ALL
),
short_counts AS (
    SELECT area_id, period_id, count(*) AS persons,
           count(la) AS la_known, count(*) FILTER (WHERE la) AS la_yes,
           count(nts) AS nts_known, count(*) FILTER (WHERE nts) AS nts_yes
    FROM short
    GROUP BY ALL
),
occ AS (
    -- Running maxima of month × 2 + value give, for each contact month, the
    -- month and value of the latest known attribute so far.
    SELECT am.area_id, cal.mi,
           lead(cal.mi) OVER w AS next_mi,
           max(cal.mi * 2 + (am.la_key & 1)) OVER w AS la_code,
           max(cal.mi * 2 + (am.nts_key & 1)) OVER w AS nts_code
    FROM am JOIN cal USING (month_start)
    WINDOW w AS (PARTITION BY am.area_id, am.person_id ORDER BY cal.mi
                 ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
),
ranges AS (
    SELECT area_id, mi AS lo,
           least(coalesce(next_mi, mi + 12), mi + 12) AS hi,
           -- least() skips NULL, so an attribute never known gets an empty range explicitly.
           CASE WHEN la_code IS NULL THEN mi ELSE least(coalesce(next_mi, mi + 12), mi + 12, la_code // 2 + 12) END AS hi_la,
           coalesce(la_code % 2, 0) AS la_yes,
           CASE WHEN nts_code IS NULL THEN mi ELSE least(coalesce(next_mi, mi + 12), mi + 12, nts_code // 2 + 12) END AS hi_nts,
           coalesce(nts_code % 2, 0) AS nts_yes
    FROM occ
),
steps AS (
    SELECT area_id, lo AS step_mi, 1 AS p, 0 AS lk, 0 AS ly, 0 AS nk, 0 AS ny FROM ranges
    UNION ALL SELECT area_id, hi, -1, 0, 0, 0, 0 FROM ranges
    UNION ALL SELECT area_id, lo, 0, 1, la_yes, 0, 0 FROM ranges WHERE hi_la > lo
    UNION ALL SELECT area_id, hi_la, 0, -1, -la_yes, 0, 0 FROM ranges WHERE hi_la > lo
    UNION ALL SELECT area_id, lo, 0, 0, 0, 1, nts_yes FROM ranges WHERE hi_nts > lo
    UNION ALL SELECT area_id, hi_nts, 0, 0, 0, -1, -nts_yes FROM ranges WHERE hi_nts > lo
),
step_sums AS (
    SELECT area_id, step_mi, sum(p) AS p, sum(lk) AS lk, sum(ly) AS ly, sum(nk) AS nk, sum(ny) AS ny
    FROM steps
    GROUP BY ALL
),
rolling AS (
    SELECT g.area_id, cal.month_start,
           sum(coalesce(s.p, 0)) OVER r AS persons,
           sum(coalesce(s.lk, 0)) OVER r AS la_known, sum(coalesce(s.ly, 0)) OVER r AS la_yes,
           sum(coalesce(s.nk, 0)) OVER r AS nts_known, sum(coalesce(s.ny, 0)) OVER r AS nts_yes
    FROM area_ids g
    CROSS JOIN cal
    LEFT JOIN step_sums s ON s.area_id = g.area_id AND s.step_mi = cal.mi
    WINDOW r AS (PARTITION BY g.area_id ORDER BY cal.mi ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
)
SELECT a.area_level, a.area_code, p.period_type, p.period_start,
       s.persons, s.la_known, s.la_yes, s.nts_known, s.nts_yes
FROM short_counts s
JOIN area_ids a USING (area_id)
JOIN period_ids p USING (period_id)
UNION ALL
SELECT a.area_level, a.area_code, 'rolling_12m', (r.month_start - INTERVAL 11 MONTH)::DATE,
       r.persons, r.la_known, r.la_yes, r.nts_known, r.nts_yes
FROM rolling r
JOIN area_ids a USING (area_id)
WHERE r.persons > 0
