-- name: FillAttendees :exec
-- Registered attendees of active group activities per neighbourhood, month
-- and person up to the as-of month, with their sessions: (activity_id,
-- person_key) is the attendance record key, so count(*) counts distinct
-- sessions, and a session belongs to one neighbourhood, so the counts add up
-- over an area.
INSERT INTO attendees
SELECT a.neighbourhood, date_trunc('month', a.activity_date)::DATE, p.person_id, count(*)
FROM attendance t
JOIN activities a ON a.activity_id = t.activity_id
JOIN persons p ON p.person_key = t.person_key
WHERE t.status = 'active' AND a.status = 'active' AND a.kind = 'group'
  AND a.activity_date <= (SELECT max(month_end) FROM months)
GROUP BY ALL
