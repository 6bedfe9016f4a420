-- name: CrisisSeries :many
-- Monthly crisis events and person-years for the crisis models: every
-- neighbourhood (outreach ones with their start month t0), each territory
-- over its outreach neighbourhoods and the outreach group (t0 = the
-- earliest start), dense over the calendar. territory is the area's
-- territory (empty for a group): it places the placebo t0 of a comparison
-- neighbourhood.
WITH members AS (
    SELECT a.area_level, a.area_code, a.neighbourhood, n.outreach_start,
           CASE WHEN a.area_level = 'group' THEN '' ELSE coalesce(n.territory, '') END AS territory
    FROM areas a JOIN neighbourhoods n ON n.code = a.neighbourhood
    WHERE a.area_level = 'neighbourhood'
       OR (a.area_level IN ('territory', 'group') AND n.outreach_start IS NOT NULL)
),
events AS (
    SELECT neighbourhood, date_trunc('month', event_date)::DATE AS month_start, count(*) AS n
    FROM crisis_events WHERE status = 'active' GROUP BY ALL
)
SELECT m.area_level, m.area_code, any_value(m.territory) AS territory,
       date_trunc('month', min(m.outreach_start))::DATE AS t0,
       nm.month_start, coalesce(sum(e.n), 0)::BIGINT AS events, sum(nm.person_days) / 365.25 AS person_years,
       any_value(mo.provisional) AS provisional
FROM members m
JOIN neighbourhood_months nm ON nm.neighbourhood = m.neighbourhood
JOIN months mo ON mo.month_start = nm.month_start
LEFT JOIN events e ON e.neighbourhood = m.neighbourhood AND e.month_start = nm.month_start
GROUP BY m.area_level, m.area_code, nm.month_start
ORDER BY m.area_level, m.area_code, nm.month_start
