-- reach_cumulative: distinct persons reached from each neighbourhood's
-- outreach_start (comparison neighbourhoods: from the first data) to the end
-- of the period, de-duplicated over the area (AreaValues: agg goes on the
-- grid through _emit.sql).
WITH neighbourhood_firsts AS (
    SELECT c.neighbourhood, c.person_id, min(c.month_start) AS first_month
    FROM contacts c
    JOIN neighbourhoods n ON n.code = c.neighbourhood
    WHERE n.outreach_start IS NULL OR c.last_date >= n.outreach_start
    GROUP BY ALL
),
firsts AS (
    -- The first month over an area is the least of its neighbourhoods' first
    -- months, so the areas group one row per person and neighbourhood.
    SELECT a.area_level, a.area_code, f.person_id, min(f.first_month) AS first_month
    FROM neighbourhood_firsts f
    JOIN areas a USING (neighbourhood)
    GROUP BY ALL
),
per_month AS (
    SELECT area_level, area_code, first_month, count(*) AS n
    FROM firsts
    GROUP BY ALL
),
agg AS (
    SELECT g.area_level, g.area_code, g.period_type, g.period_start, NULL::VARCHAR AS cell,
           sum(pm.n) AS num, NULL::HUGEINT AS den
    FROM area_periods g
    JOIN per_month pm
      ON pm.area_level = g.area_level AND pm.area_code = g.area_code AND pm.first_month <= g.period_end
    GROUP BY ALL
)
