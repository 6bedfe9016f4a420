-- Population of each neighbourhood and calendar month: the latest profile
-- whose year is not after the month's year, else the earliest profile.
INSERT INTO neighbourhood_months
WITH pick AS (
    SELECT n.code AS neighbourhood, m.month_start, m.days,
           coalesce(max(p.year) FILTER (WHERE p.year <= year(m.month_start)), min(p.year)) AS year
    FROM neighbourhoods n CROSS JOIN months m
    LEFT JOIN population p ON p.neighbourhood = n.code
    GROUP BY ALL
)
SELECT pick.neighbourhood, pick.month_start, p.population, p.living_alone,
       coalesce(p.population, 0) * pick.days, coalesce(p.population, 0) * pick.days / 365.25
FROM pick LEFT JOIN population p ON p.neighbourhood = pick.neighbourhood AND p.year = pick.year
ORDER BY 1, 2
