-- Persons reached per neighbourhood, month and person, with the most recent
-- non-empty attributes and their group sessions, from contacts_merged
-- (_6m_contacts_merged.sql: the months of compute_dirty_months), persons
-- taking their number from compute_persons (_6a_persons.sql has numbered
-- the new ones). The recency key orders by activity date, then
-- exported_at, then Y over N (the spec's tie rules) and its lowest bit is
-- the value, so that max() of keys picks, and tells, the winner at any
-- level; exported_at enters by its rank among the winners' export times,
-- which keeps the key a BIGINT.
INSERT INTO contacts
WITH unpacked AS (
    -- Shifts and masks unpack the winning triples: days since 1900, export
    -- time in µs since the origin, value.
    SELECT neighbourhood, month_start, person_key, first_date, last_date, sessions,
           date_diff('day', DATE '1900-01-01', month_start) + (la >> 59)::BIGINT AS la_days,
           ((la >> 1) & 288230376151711743::UBIGINT)::BIGINT AS la_us,
           (la & 1::UBIGINT)::INTEGER AS la_v,
           date_diff('day', DATE '1900-01-01', month_start) + (nts >> 59)::BIGINT AS nts_days,
           ((nts >> 1) & 288230376151711743::UBIGINT)::BIGINT AS nts_us,
           (nts & 1::UBIGINT)::INTEGER AS nts_v
    FROM contacts_merged
),
exports AS (
    -- Export times enter the BIGINT key by their rank among the winners'.
    SELECT us, row_number() OVER (ORDER BY us) AS r
    FROM (SELECT la_us AS us FROM unpacked UNION SELECT nts_us FROM unpacked)
    WHERE us IS NOT NULL
),
n AS (
    SELECT count(*) + 1 AS n FROM exports
)
SELECT m.neighbourhood, m.month_start,
       p.person_id,
       m.first_date, m.last_date,
       m.la_v = 1, (m.la_days * (SELECT n FROM n) + el.r) * 2 + m.la_v,
       m.nts_v = 1, (m.nts_days * (SELECT n FROM n) + en.r) * 2 + m.nts_v,
       m.sessions
FROM unpacked m
JOIN compute_persons p ON p.person_key = m.person_key
LEFT JOIN exports el ON el.us = m.la_us
LEFT JOIN exports en ON en.us = m.nts_us
