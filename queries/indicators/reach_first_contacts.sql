-- reach_first_contacts: persons whose first ever contact in the data falls
-- in the period, counted in the neighbourhood(s) of that first contact day
-- and de-duplicated over the area (AreaValues: agg goes on the grid through
-- _emit.sql).
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
    SELECT f.area_level, f.area_code, p.period_type, p.period_start, NULL::VARCHAR AS cell,
           count(*) AS num, NULL::BIGINT AS den
    FROM area_firsts f
    JOIN periods p USING (month_start)
    GROUP BY ALL
)
