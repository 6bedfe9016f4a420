-- name: FillContacts :exec
-- Persons reached per neighbourhood, month and person, with the most recent
-- non-empty attributes and their group sessions. The recency key orders by
-- activity date, then exported_at, then Y over N (the spec's tie rules) and
-- its lowest bit is the value, so that max() of keys picks, and tells, the
-- winner at any level; exported_at enters by its rank among the distinct
-- export times, which keeps the key a BIGINT.
INSERT INTO contacts
WITH touch AS (
    SELECT neighbourhood, activity_date, person_key, lives_alone, new_to_services, exported_at, false AS session
    FROM activities
    WHERE status = 'active' AND kind = 'individual' AND person_key IS NOT NULL
    UNION ALL
    -- (activity_id, person_key) is the attendance record key, so each row is
    -- one session, and a session belongs to one neighbourhood.
    SELECT a.neighbourhood, a.activity_date, t.person_key, t.lives_alone, t.new_to_services, t.exported_at, true
    FROM attendance t JOIN activities a ON a.activity_id = t.activity_id
    WHERE t.status = 'active' AND a.status = 'active' AND a.kind = 'group'
),
exports AS (
    SELECT exported_at, row_number() OVER (ORDER BY exported_at) AS r
    FROM (SELECT exported_at FROM activities UNION SELECT exported_at FROM attendance)
    WHERE exported_at IS NOT NULL
),
keyed AS (
    SELECT t.neighbourhood, t.activity_date, date_trunc('month', t.activity_date)::DATE AS month_start, p.person_id,
           t.lives_alone, t.new_to_services, t.session,
           (date_diff('day', DATE '1900-01-01', t.activity_date)::BIGINT * (SELECT count(*) + 1 FROM exports) + e.r) * 2 AS k
    FROM touch t
    JOIN persons p ON p.person_key = t.person_key
    LEFT JOIN exports e ON e.exported_at = t.exported_at
    WHERE t.activity_date <= (SELECT max(month_end) FROM months)
)
SELECT neighbourhood, month_start, person_id, min(activity_date), max(activity_date),
       (max(k + lives_alone::INT) & 1) = 1, max(k + lives_alone::INT),
       (max(k + new_to_services::INT) & 1) = 1, max(k + new_to_services::INT),
       count(*) FILTER (WHERE session)
FROM keyed
GROUP BY neighbourhood, month_start, person_id
