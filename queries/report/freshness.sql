-- name: ReportFreshness :many
-- Per neighbourhood of the territory: latest activity and crisis event up to
-- the end of the report month, and whether the month has no activity while
-- earlier months had some.
WITH acts AS (
    SELECT neighbourhood, max(activity_date) AS last_activity,
           count(*) FILTER (WHERE activity_date >= $month) AS in_month
    FROM activities WHERE status = 'active' AND activity_date < $month_end
    GROUP BY neighbourhood
), evs AS (
    SELECT neighbourhood, max(event_date) AS last_event
    FROM crisis_events WHERE status = 'active' AND event_date < $month_end
    GROUP BY neighbourhood
)
SELECT n.code, n.name, a.last_activity, e.last_event,
       coalesce(a.last_activity IS NOT NULL AND a.in_month = 0, false) AS gap
FROM neighbourhoods n
LEFT JOIN acts a ON a.neighbourhood = n.code
LEFT JOIN evs e ON e.neighbourhood = n.code
WHERE n.territory = $territory
ORDER BY n.name, n.code;
