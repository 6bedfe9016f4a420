-- Scratch table (dropped once the indicators are written): the records of
-- the months of compute_dirty_months merged per neighbourhood, month and
-- person (pseudonym), with the most recent non-empty attributes and the
-- group sessions; _6a_persons.sql numbers the persons it holds, and
-- _6_contacts.sql writes it to contacts with those numbers. One pass over
-- the records for both: reading them again to number the persons cost
-- 4-5 s of CPU at scale 10.
-- Ten million records go through here, and DuckDB's planner has built the
-- hash table of a join of them on the large side (on exported_at ranks,
-- 14 s instead of 0.6 s; on a table of pseudonyms, 9 s). So records join
-- nothing but their group activity, and compare on their exact (day of the
-- month, exported_at, value) triple packed in a UBIGINT: within one month
-- the day takes 5 bits, and exported_at, as microseconds since the earliest
-- export time of the records that may be read, 58 (9 133 years: the
-- statement stops, rather than compare wrongly, if their export times
-- spread wider). The value is the key's lowest bit, so that max() of keys
-- picks, and tells, the winner.
-- Only the months of compute_dirty_months are read (every calendar month
-- when the computation is full; $lo and $hi bound them, so that the scans
-- skip the other months' row groups).
CREATE OR REPLACE TEMP TABLE contacts_merged AS
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
    -- and of every attendance version, current or not (a superset of the
    -- records read; the attendance view would cost a join of every version
    -- with the superseded ones): keys are compared within a month only, and
    -- the export times enter them by rank (_6_contacts.sql), which no origin
    -- changes. (Not from touch, which the statement would then read twice.)
    SELECT min(lo) AS lo, max(hi) AS hi
    FROM (SELECT min(exported_at) AS lo, max(exported_at) AS hi FROM activities
          WHERE activity_date BETWEEN $lo::DATE AND $hi::DATE
          UNION ALL
          SELECT min(exported_at), max(exported_at) FROM attendance_versions)
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
merged AS (
    SELECT neighbourhood, month_start, person_key,
           min(activity_date) AS first_date, max(activity_date) AS last_date,
           count(*) FILTER (WHERE session) AS sessions,
           max(k | lives_alone::UBIGINT) AS la, max(k | new_to_services::UBIGINT) AS nts
    FROM keyed
    GROUP BY neighbourhood, month_start, person_key
)
SELECT *
FROM merged
WHERE CASE WHEN (SELECT epoch_us(hi) - epoch_us(lo) FROM origin) >= 288230376151711744
           THEN error('the export times of the data span more than 9 133 years (' || (SELECT lo FROM origin)
                      || ' to ' || (SELECT hi FROM origin) || '), which compute cannot order exactly')
           ELSE true END
