-- name: CrisisSeries :many
-- Monthly crisis events and person-years of every neighbourhood for the
-- crisis models, dense over the calendar: outreach neighbourhoods with
-- their own start month t0 (NULL for comparison neighbourhoods), and the
-- territory, which places a comparison neighbourhood's placebo t0 and
-- groups the neighbourhoods of a territory's pooled model. Aggregates are
-- never summed into one series here: their model pools these series.
WITH events AS (
    SELECT neighbourhood, date_trunc('month', event_date)::DATE AS month_start, count(*) AS n
    FROM crisis_events WHERE status = 'active' GROUP BY ALL
)
SELECT 'neighbourhood' AS area_level, n.code AS area_code, coalesce(n.territory, '') AS territory,
       date_trunc('month', n.outreach_start)::DATE AS t0,
       nm.month_start, coalesce(e.n, 0)::BIGINT AS events, nm.person_days / 365.25 AS person_years,
       mo.provisional
FROM neighbourhoods n
JOIN neighbourhood_months nm ON nm.neighbourhood = n.code
JOIN months mo ON mo.month_start = nm.month_start
LEFT JOIN events e ON e.neighbourhood = n.code AND e.month_start = nm.month_start
ORDER BY n.code, nm.month_start
