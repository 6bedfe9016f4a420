-- name: FillContacts :exec
-- Persons reached per neighbourhood, month and person, with the most recent
-- non-empty attributes and their group sessions. The recency key orders by
-- activity date, then exported_at, then Y over N (the spec's tie rules) and
-- its lowest bit is the value, so that max() of keys picks, and tells, the
-- winner at any level; exported_at enters by its rank among the winners'
-- export times, which keeps the key a BIGINT.
-- Ten million records go through here, and DuckDB's planner has built the
-- hash table of a join of them on the large side (on exported_at ranks,
-- 14 s instead of 0.6 s; on a table of pseudonyms, 9 s). So records join
-- nothing but their group activity, compare on their exact (date,
-- exported_at, value) triple packed in a HUGEINT, and group on the 64-bit
-- hash h of the pseudonym; persons are then numbered in h order. h stands
-- for the person because the statement stops when two pseudonyms may share
-- one: a second hash h2 (of the pseudonym without its first character)
-- must be the same within a group and take as many values as h (about one
-- chance in 10^10 of a stop for 100 000 persons, and 2^-64 of a collision
-- passing unseen).
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
    WHERE t.status = 'active' AND t.person_key IS NOT NULL AND a.status = 'active' AND a.kind = 'group'
),
keyed AS (
    -- The exact (date, exported_at, value) triple of each record, packed in
    -- a HUGEINT: days since 1900 << 65 | µs since 1900 << 1 | value
    -- (bitwise operators share one precedence in DuckDB, hence the
    -- parentheses).
    SELECT t.neighbourhood, date_trunc('month', t.activity_date)::DATE AS month_start,
           hash(t.person_key) AS h, hash(substr(t.person_key, 2)) AS h2,
           t.activity_date, t.session, t.lives_alone, t.new_to_services,
           (date_diff('day', DATE '1900-01-01', t.activity_date)::HUGEINT << 65)
           | ((epoch_us(t.exported_at) + 2208988800000000)::HUGEINT << 1) AS k
    FROM touch t
    WHERE t.activity_date <= (SELECT max(month_end) FROM months)
),
merged AS MATERIALIZED (
    -- Shifts and masks unpack the winning triples (HUGEINT division is slow).
    SELECT neighbourhood, month_start, h, min(h2) AS h2_min, max(h2) AS h2_max,
           min(activity_date) AS first_date, max(activity_date) AS last_date,
           count(*) FILTER (WHERE session) AS sessions,
           (max(k | lives_alone::INT) >> 65)::BIGINT AS la_days,
           ((max(k | lives_alone::INT) >> 1) & 18446744073709551615::HUGEINT)::BIGINT AS la_us,
           (max(k | lives_alone::INT) & 1::HUGEINT)::INTEGER AS la_v,
           (max(k | new_to_services::INT) >> 65)::BIGINT AS nts_days,
           ((max(k | new_to_services::INT) >> 1) & 18446744073709551615::HUGEINT)::BIGINT AS nts_us,
           (max(k | new_to_services::INT) & 1::HUGEINT)::INTEGER AS nts_v
    FROM keyed
    GROUP BY neighbourhood, month_start, h
),
exports AS (
    -- Export times enter the BIGINT key by their rank among the winners'.
    SELECT us, row_number() OVER (ORDER BY us) AS r
    FROM (SELECT la_us AS us FROM merged UNION SELECT nts_us FROM merged)
    WHERE us IS NOT NULL
),
n AS (
    SELECT count(*) + 1 AS n FROM exports
)
SELECT m.neighbourhood, m.month_start, dense_rank() OVER (ORDER BY m.h)::INTEGER, m.first_date, m.last_date,
       m.la_v = 1, (m.la_days * (SELECT n FROM n) + el.r) * 2 + m.la_v,
       m.nts_v = 1, (m.nts_days * (SELECT n FROM n) + en.r) * 2 + m.nts_v,
       m.sessions
FROM merged m
LEFT JOIN exports el ON el.us = m.la_us
LEFT JOIN exports en ON en.us = m.nts_us
WHERE CASE WHEN (SELECT count(*) FILTER (WHERE h2_min <> h2_max) FROM merged) > 0
             OR (SELECT count(DISTINCT h) FROM merged) <> (SELECT count(DISTINCT h2_min) FROM merged)
           THEN error('two pseudonyms may share a 64-bit hash, so compute cannot tell these persons apart')
           ELSE true END
