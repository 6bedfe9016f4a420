-- reach_first_contacts: persons whose first ever contact in the data falls
-- in the period, counted in the neighbourhood(s) of that first contact day
-- and de-duplicated over the area.
WITH first_day AS (
    SELECT person_id, min(first_date) AS first_date
    FROM contacts
    GROUP BY person_id
),
firsts AS (
    SELECT c.neighbourhood, c.month_start, c.person_id
    FROM contacts c
    JOIN first_day f ON f.person_id = c.person_id AND f.first_date = c.first_date
),
area_firsts AS (
    -- A first contact is one day, hence one month: once a person is counted
    -- once per area (met in two of its neighbourhoods that day), they fall in
    -- each period at most once, and the periods need no DISTINCT.
    SELECT DISTINCT a.area_level, a.area_code, f.month_start, f.person_id
    FROM firsts f
    JOIN areas a USING (neighbourhood)
),
agg AS (
    SELECT f.area_level, f.area_code, p.period_type, p.period_start, count(*) AS n
    FROM area_firsts f
    JOIN periods p USING (month_start)
    GROUP BY ALL
)
SELECT 'reach_first_contacts' AS indicator, '' AS breakdown,
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
