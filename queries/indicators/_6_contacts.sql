-- Persons reached per neighbourhood, month and person, with the most recent
-- non-empty attributes and their group sessions. The recency key orders by
-- activity date, then exported_at, then Y over N (the spec's tie rules) and
-- its lowest bit is the value, so that max() of keys picks, and tells, the
-- winner at any level; exported_at enters by its rank among the winners'
-- export times, which keeps the key a BIGINT.
-- Ten million records go through here, and DuckDB's planner has built the
-- hash table of a join of them on the large side (on exported_at ranks,
-- 14 s instead of 0.6 s; on a table of pseudonyms, 9 s). So records join
-- nothing but their group activity, and compare on their exact (day of the
-- month, exported_at, value) triple packed in a UBIGINT: within one month
-- the day takes 5 bits, and exported_at, as microseconds since the earliest
-- export time of the records that may be read, 58 (9 133 years: the
-- statement stops, rather than compare wrongly, if their export times
-- spread wider).
-- Only the months of compute_dirty_months are written (every calendar
-- month when the computation is full; $lo and $hi bound them, so that the
-- scans skip the other months' row groups), and persons take their number
-- from compute_persons (_6a_persons.sql has numbered the new ones). The
-- touch CTE is the same as _6a_persons.sql's.
INSERT INTO contacts
WITH touch AS (
    SELECT neighbourhood, activity_date, person_key, lives_alone, new_to_services, exported_at, false AS session
    FROM activities
    WHERE status = 'active' AND kind = 'individual' AND person_key IS NOT NULL
      AND activity_date BETWEEN $lo::DATE AND $hi::DATE
      AND month_of(activity_date) IN (SELECT month_start FROM compute_dirty_months)
    UNION ALL
    -- (activity_id, person_key) is the attendance record key, so each row is
    -- one session, and a session belongs to one neighbourhood.
    SELECT a.neighbourhood, a.activity_date, t.person_key, t.lives_alone, t.new_to_services, t.exported_at, true
    FROM attendance t JOIN activities a ON a.activity_id = t.activity_id
    WHERE t.status = 'active' AND t.person_key IS NOT NULL AND a.status = 'active' AND a.kind = 'group'
      AND a.activity_date BETWEEN $lo::DATE AND $hi::DATE
      AND month_of(a.activity_date) IN (SELECT month_start FROM compute_dirty_months)
),
origin AS (
    -- The earliest and latest export times of the activities of $lo to $hi
    -- and of every attendance row (a superset of the records read): keys
    -- are compared within a month only, and the export times enter them by
    -- rank, which no origin changes. (Not from touch, which the statement
    -- would then read twice.)
    SELECT min(lo) AS lo, max(hi) AS hi
    FROM (SELECT min(exported_at) AS lo, max(exported_at) AS hi FROM activities
          WHERE activity_date BETWEEN $lo::DATE AND $hi::DATE
          UNION ALL
          SELECT min(exported_at), max(exported_at) FROM attendance)
),
keyed AS (
    -- Bitwise operators share one precedence in DuckDB, hence the
    -- parentheses.
    SELECT t.neighbourhood, month_of(t.activity_date) AS month_start,
           t.person_key, t.activity_date, t.session, t.lives_alone, t.new_to_services,
           ((dayofmonth(t.activity_date) - 1)::UBIGINT << 59)
           | ((epoch_us(t.exported_at) - (SELECT epoch_us(lo) FROM origin))::UBIGINT << 1) AS k
    FROM touch t
    WHERE t.activity_date <= (SELECT max(month_end) FROM months)
),
merged AS MATERIALIZED (
    SELECT neighbourhood, month_start, person_key,
           min(activity_date) AS first_date, max(activity_date) AS last_date,
           count(*) FILTER (WHERE session) AS sessions,
           max(k | lives_alone::UBIGINT) AS la, max(k | new_to_services::UBIGINT) AS nts
    FROM keyed
    GROUP BY neighbourhood, month_start, person_key
),
unpacked AS (
    -- Shifts and masks unpack the winning triples: days since 1900, export
    -- time in µs since the origin, value.
    SELECT neighbourhood, month_start, person_key, first_date, last_date, sessions,
           date_diff('day', DATE '1900-01-01', month_start) + (la >> 59)::BIGINT AS la_days,
           ((la >> 1) & 288230376151711743::UBIGINT)::BIGINT AS la_us,
           (la & 1::UBIGINT)::INTEGER AS la_v,
           date_diff('day', DATE '1900-01-01', month_start) + (nts >> 59)::BIGINT AS nts_days,
           ((nts >> 1) & 288230376151711743::UBIGINT)::BIGINT AS nts_us,
           (nts & 1::UBIGINT)::INTEGER AS nts_v
    FROM merged
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
WHERE CASE WHEN (SELECT epoch_us(hi) - epoch_us(lo) FROM origin) >= 288230376151711744
           THEN error('the export times of the data span more than 9 133 years (' || (SELECT lo FROM origin)
                      || ' to ' || (SELECT hi FROM origin) || '), which compute cannot order exactly')
           ELSE true END
