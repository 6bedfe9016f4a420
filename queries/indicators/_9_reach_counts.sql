-- Distinct persons per area and period: a person's attribute is the value
-- with the greatest recency key among their contacts in the area and period.
-- Read from area_person_months (see _8c_area_person_months.sql), where a
-- person has one row per month met in the area.
-- Months, quarters and fiscal years: a person counts on their last row in
-- the period, with the latest attribute known up to that month if it was
-- known within the period.
-- Rolling 12-month windows would multiply the rows by 12, so they are
-- counted from each person's successive months instead: a person met in
-- month i (next met in month j) is in the windows ending in months
-- [i, min(j, i + 12)); the latest known attribute up to month i, known in
-- month k, holds in those windows ending before k + 12. These ranges are
-- summed as +1/−1 steps and accumulated month by month.
-- area_person_months starts at $from, so only the periods starting from
-- $from on are written (the others are kept from the computation before).
INSERT INTO reach_counts
WITH cal AS (
    SELECT DISTINCT month_start, mi FROM period_index WHERE period_type = 'month'
),
short_counts AS (
    SELECT a.area_id, p.period_id, count(*) AS persons,
           count(*) FILTER (WHERE a.la_code // 2 >= p.start_mi) AS la_known,
           count(*) FILTER (WHERE a.la_code // 2 >= p.start_mi AND a.la_code % 2 = 1) AS la_yes,
           count(*) FILTER (WHERE a.nts_code // 2 >= p.start_mi) AS nts_known,
           count(*) FILTER (WHERE a.nts_code // 2 >= p.start_mi AND a.nts_code % 2 = 1) AS nts_yes
    FROM area_person_months a
    JOIN period_index p ON p.mi = a.mi AND p.period_type <> 'rolling_12m'
    WHERE a.next_mi IS NULL OR a.next_mi > p.end_mi
    GROUP BY a.area_id, p.period_id
),
ranges AS (
    SELECT area_id, mi AS lo,
           least(coalesce(next_mi, mi + 12), mi + 12) AS hi,
           -- least() skips NULL, so an attribute never known gets an empty range explicitly.
           CASE WHEN la_code IS NULL THEN mi ELSE least(coalesce(next_mi, mi + 12), mi + 12, la_code // 2 + 12) END AS hi_la,
           coalesce(la_code % 2, 0) AS la_yes,
           CASE WHEN nts_code IS NULL THEN mi ELSE least(coalesce(next_mi, mi + 12), mi + 12, nts_code // 2 + 12) END AS hi_nts,
           coalesce(nts_code % 2, 0) AS nts_yes
    FROM area_person_months
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
    FROM area_index g
    CROSS JOIN cal
    LEFT JOIN step_sums s ON s.area_id = g.area_id AND s.step_mi = cal.mi
    WINDOW r AS (PARTITION BY g.area_id ORDER BY cal.mi ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
)
SELECT a.area_level, a.area_code, p.period_type, p.period_start,
       s.persons, s.la_known, s.la_yes, s.nts_known, s.nts_yes
FROM short_counts s
JOIN area_index a USING (area_id)
JOIN (SELECT DISTINCT period_id, period_type, period_start FROM period_index) p USING (period_id)
WHERE p.period_start >= $from::DATE
UNION ALL
SELECT a.area_level, a.area_code, 'rolling_12m', (r.month_start - INTERVAL 11 MONTH)::DATE,
       r.persons, r.la_known, r.la_yes, r.nts_known, r.nts_yes
FROM rolling r
JOIN area_index a USING (area_id)
WHERE r.persons > 0 AND r.month_start - INTERVAL 11 MONTH >= $from::DATE
