-- The grid of areas × periods with denominators: population of the profile
-- applicable to the year the period starts, person-time summed month by
-- month (each month with the profile of its own year). A period not fully
-- covered by the calendar (a quarter, fiscal year or rolling window cut by
-- the first month of data or by the as-of month) is incomplete, and so
-- provisional.
INSERT INTO area_periods
WITH pt AS (
    SELECT period_type, period_start, period_end, count(*) AS months, bool_or(m.provisional) AS any_provisional,
           max(m.month_start) AS last_month
    FROM periods p JOIN months m USING (month_start)
    GROUP BY ALL
),
covered AS (
    SELECT *, months = date_diff('month', period_start, (period_end + INTERVAL 1 DAY)::DATE) AS complete FROM pt
),
cal_end AS (SELECT max(month_end) AS as_of_end FROM months),
pick AS (
    SELECT n.code AS neighbourhood, pt.period_type, pt.period_start,
           coalesce(max(p.year) FILTER (WHERE p.year <= year(pt.period_start)), min(p.year)) AS year
    FROM neighbourhoods n CROSS JOIN pt
    LEFT JOIN population p ON p.neighbourhood = n.code
    GROUP BY ALL
),
pop AS (
    SELECT pick.neighbourhood, pick.period_type, pick.period_start, p.population, p.living_alone
    FROM pick LEFT JOIN population p ON p.neighbourhood = pick.neighbourhood AND p.year = pick.year
),
py AS (
    SELECT p.period_type, p.period_start, nm.neighbourhood, sum(nm.person_days) AS person_days
    FROM periods p JOIN neighbourhood_months nm USING (month_start)
    GROUP BY ALL
)
SELECT a.area_level, a.area_code, pt.period_type, pt.period_start, pt.period_end, pt.months,
       sum(pop.population), sum(pop.living_alone), coalesce(sum(py.person_days), 0) / 365.25,
       pt.any_provisional OR pt.period_end > cal_end.as_of_end OR NOT pt.complete, pt.complete
FROM areas a CROSS JOIN covered pt CROSS JOIN cal_end
LEFT JOIN pop ON pop.neighbourhood = a.neighbourhood AND pop.period_type = pt.period_type AND pop.period_start = pt.period_start
LEFT JOIN py ON py.neighbourhood = a.neighbourhood AND py.period_type = pt.period_type AND py.period_start = pt.period_start
GROUP BY a.area_level, a.area_code, pt.period_type, pt.period_start, pt.period_end, pt.months, pt.any_provisional, pt.complete, cal_end.as_of_end
ORDER BY 1, 2, 3, 4
