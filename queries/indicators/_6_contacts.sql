-- name: FillContacts :exec
-- Persons reached per neighbourhood, month and pseudonym, with the most
-- recent non-empty attributes. The recency key orders by activity date, then
-- exported_at, then Y over N (the spec's tie rules), so that max() of keys
-- picks the winner at any level.
INSERT INTO contacts
WITH touch AS (
    SELECT neighbourhood, activity_date, person_key, lives_alone, new_to_services, exported_at
    FROM activities
    WHERE status = 'active' AND kind = 'individual' AND person_key IS NOT NULL
    UNION ALL
    SELECT a.neighbourhood, a.activity_date, t.person_key, t.lives_alone, t.new_to_services, t.exported_at
    FROM attendance t JOIN activities a ON a.activity_id = t.activity_id
    WHERE t.status = 'active' AND a.status = 'active' AND a.kind = 'group'
),
keyed AS (
    SELECT neighbourhood, activity_date, date_trunc('month', activity_date)::DATE AS month_start, person_key,
           lives_alone, new_to_services,
           (date_diff('day', DATE '1900-01-01', activity_date)::HUGEINT * 100000000000000000
            + epoch_us(exported_at)::HUGEINT) * 2 AS k
    FROM touch
    WHERE activity_date <= (SELECT max(month_end) FROM months)
)
SELECT neighbourhood, month_start, person_key, min(activity_date), max(activity_date),
       arg_max(lives_alone, k + lives_alone::INT) FILTER (WHERE lives_alone IS NOT NULL),
       max(k + lives_alone::INT) FILTER (WHERE lives_alone IS NOT NULL),
       arg_max(new_to_services, k + new_to_services::INT) FILTER (WHERE new_to_services IS NOT NULL),
       max(k + new_to_services::INT) FILTER (WHERE new_to_services IS NOT NULL)
FROM keyed
GROUP BY neighbourhood, month_start, person_key
ORDER BY 1, 2, 3
