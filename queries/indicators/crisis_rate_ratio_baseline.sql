-- crisis_rate_ratio_baseline: for each outreach neighbourhood, each
-- territory (its outreach neighbourhoods) and the outreach group, and each
-- month from the month of outreach_start (aggregates: the earliest) on: the
-- crisis rate of the 12 months ending with the month ÷ the rate of the 12
-- months before that start month, 95% CI exp(ln RR ± 1.96·√(1/a + 1/b)).
-- Months outside the calendar (before the first data) contribute neither
-- events nor person-time; with no baseline person-time the value is NULL.
WITH members AS (
    SELECT a.area_level, a.area_code, a.neighbourhood
    FROM areas a JOIN neighbourhoods n ON n.code = a.neighbourhood
    WHERE n.outreach_start IS NOT NULL AND a.area_level IN ('neighbourhood', 'territory', 'group')
),
starts AS (
    SELECT m.area_level, m.area_code, date_trunc('month', min(n.outreach_start))::DATE AS t0
    FROM members m JOIN neighbourhoods n ON n.code = m.neighbourhood
    GROUP BY ALL
),
monthly AS (
    SELECT m.area_level, m.area_code, nm.month_start, sum(nm.person_days) AS pd, sum(coalesce(e.n, 0)) AS n
    FROM members m
    JOIN neighbourhood_months nm ON nm.neighbourhood = m.neighbourhood
    LEFT JOIN (
        SELECT neighbourhood, date_trunc('month', event_date)::DATE AS month_start, count(*) AS n
        FROM crisis_events WHERE status = 'active' GROUP BY ALL
    ) e ON e.neighbourhood = m.neighbourhood AND e.month_start = nm.month_start
    GROUP BY ALL
),
baseline AS (
    SELECT s.area_level, s.area_code, s.t0, sum(mo.n) AS b, sum(mo.pd) / 365.25 AS pyb
    FROM starts s
    LEFT JOIN monthly mo
      ON mo.area_level = s.area_level AND mo.area_code = s.area_code
     AND mo.month_start >= s.t0 - INTERVAL 12 MONTH AND mo.month_start < s.t0
    GROUP BY ALL
),
recent AS (
    SELECT g.area_level, g.area_code, g.period_start, g.period_end, g.provisional,
           sum(mo.n) AS a, sum(mo.pd) / 365.25 AS pya
    FROM area_periods g
    JOIN starts s ON s.area_level = g.area_level AND s.area_code = g.area_code AND g.period_start >= s.t0
    JOIN monthly mo
      ON mo.area_level = g.area_level AND mo.area_code = g.area_code
     AND mo.month_start > g.period_start - INTERVAL 12 MONTH AND mo.month_start <= g.period_start
    WHERE g.period_type = 'month'
    GROUP BY ALL
),
rates AS (
    SELECT r.*, b.b, b.pyb,
           CASE WHEN r.pya > 0 THEN 1000.0 * r.a / r.pya END AS rate_a,
           CASE WHEN b.pyb > 0 THEN 1000.0 * b.b / b.pyb END AS rate_b
    FROM recent r JOIN baseline b ON b.area_level = r.area_level AND b.area_code = r.area_code
)
SELECT 'crisis_rate_ratio_baseline' AS indicator, '' AS breakdown,
       area_level, area_code, 'month' AS period_type, period_start, period_end,
       rate_a AS numerator, rate_b AS denominator,
       CASE WHEN rate_b > 0 THEN rate_a / rate_b END AS value,
       CASE WHEN rate_b > 0 AND a > 0 THEN exp(ln(rate_a / rate_b) - 1.959963984540054 * sqrt(1.0 / a + 1.0 / b)) END AS ci_low,
       CASE WHEN rate_b > 0 AND a > 0 THEN exp(ln(rate_a / rate_b) + 1.959963984540054 * sqrt(1.0 / a + 1.0 / b)) END AS ci_high,
       provisional, coalesce(a, 0) < 10 OR coalesce(b, 0) < 10 AS unstable, false AS flagged
FROM rates
ORDER BY area_level, area_code, period_start
