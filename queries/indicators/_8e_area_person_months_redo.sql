-- Scratch table of an incremental computation (dropped once the indicators
-- are written): the rows of compute_area_person_months of the areas and
-- persons of apm_touched from the first dirty month $d0 on, computed as
-- _8c_area_person_months.sql does but seeded with the rows kept before $d0
-- instead of reading the whole history: the last row before $d0 carries
-- the running maxima of la_code and nts_code, and the last month with
-- sessions before it (with m1, the one before that) what the lags of the
-- first new months with sessions look back to. Only the rows from $d0 on
-- are kept; _8e_area_person_months_seeds.sql then gives the rows before
-- their new next months.
-- Windows over many small partitions cost DuckDB about a microsecond a row,
-- and most areas and persons have one new row (a new month has nothing
-- after it): those rows take their values from the kept rows directly
-- (single), and only the others go through the windows.
CREATE OR REPLACE TEMP TABLE apm_redo AS
WITH cal AS (
    SELECT DISTINCT month_start, mi FROM period_index WHERE period_type = 'month'
),
am AS MATERIALIZED (
    SELECT i.area_id, c.person_id, cal.mi,
           max(c.lives_alone_key) AS la_key, max(c.new_key) AS nts_key,
           sum(c.group_sessions)::INTEGER AS sessions
    FROM contacts c
    JOIN areas a USING (neighbourhood)
    JOIN area_index i USING (area_level, area_code)
    JOIN cal USING (month_start)
    SEMI JOIN apm_touched t ON t.area_id = i.area_id AND t.person_id = c.person_id
    WHERE c.month_start >= $d0::DATE
    GROUP BY i.area_id, c.person_id, cal.mi
),
kept AS MATERIALIZED (
    -- The last row before $d0 (its next month is from $d0 on, or none)
    -- and the last row with sessions before $d0 (likewise its next month
    -- with sessions): at most two rows per area and person. $d0_mi is a
    -- parameter, not a subquery, so that the filter comes before the join.
    SELECT p.*, p.next_mi IS NULL OR p.next_mi >= $d0_mi AS is_last,
           p.sessions > 0 AND (p.next_s IS NULL OR p.next_s >= $d0_mi) AS is_last_s
    FROM compute_area_person_months p
    SEMI JOIN apm_touched t USING (area_id, person_id)
    WHERE p.mi < $d0_mi
      AND (p.next_mi IS NULL OR p.next_mi >= $d0_mi
           OR (p.sessions > 0 AND (p.next_s IS NULL OR p.next_s >= $d0_mi)))
),
multi AS MATERIALIZED (
    -- The areas and persons with more than one new row.
    SELECT area_id, person_id FROM am GROUP BY area_id, person_id HAVING count(*) > 1
),
single AS (
    -- A lone new row has no next month (nor next month with sessions); its
    -- running maxima are those of the last kept row and its own; the months
    -- with sessions before it are the last kept one's and that one's m1.
    SELECT n.area_id, n.person_id, n.mi, n.sessions, NULL::INTEGER AS next_mi,
           greatest(l.la_code, n.mi * 2 + (n.la_key & 1)::INTEGER) AS la_code,
           greatest(l.nts_code, n.mi * 2 + (n.nts_key & 1)::INTEGER) AS nts_code,
           NULL::INTEGER AS next_s,
           CASE WHEN n.sessions > 0 THEN s.mi END AS m1,
           CASE WHEN n.sessions >= 3 THEN n.mi
                WHEN n.sessions > 0 AND n.sessions + s.sessions >= 3 THEN s.mi
                WHEN n.sessions > 0 THEN s.m1 END AS g
    FROM am n
    LEFT JOIN kept l ON l.area_id = n.area_id AND l.person_id = n.person_id AND l.is_last
    LEFT JOIN kept s ON s.area_id = n.area_id AND s.person_id = n.person_id AND s.is_last_s
    ANTI JOIN multi m ON m.area_id = n.area_id AND m.person_id = n.person_id
),
u AS MATERIALIZED (
    -- kind: new (from contacts), kept (the rows of kept), lag (the month
    -- with sessions before the last one, for the lags only).
    SELECT area_id, person_id, mi, sessions, mi * 2 + (la_key & 1)::INTEGER AS la_v,
           mi * 2 + (nts_key & 1)::INTEGER AS nts_v, 'new' AS kind
    FROM am SEMI JOIN multi USING (area_id, person_id)
    UNION ALL
    SELECT area_id, person_id, mi, sessions, la_code, nts_code, 'kept' FROM kept
    SEMI JOIN multi USING (area_id, person_id)
    UNION ALL
    SELECT area_id, person_id, m1, 1, NULL, NULL, 'lag' FROM kept
    SEMI JOIN multi USING (area_id, person_id)
    WHERE is_last_s AND m1 IS NOT NULL
),
w AS (
    -- The default frame (start of the partition to this month) makes the
    -- maxima running ones; months are unique within a partition.
    SELECT area_id, person_id, mi, sessions, kind,
           lead(mi) OVER w AS next_mi,
           max(la_v) OVER w AS la_code,
           max(nts_v) OVER w AS nts_code
    FROM u
    WINDOW w AS (PARTITION BY area_id, person_id ORDER BY mi)
),
ws AS (
    -- The months with sessions alone, so that the lags and leads over
    -- them need no IGNORE NULLS, which costs DuckDB several times more.
    SELECT area_id, person_id, mi,
           lead(mi) OVER ws AS next_s,
           lag(mi) OVER ws AS m1,
           lag(sessions) OVER ws AS s1,
           lag(mi, 2) OVER ws AS m2
    FROM u
    WHERE sessions > 0
    WINDOW ws AS (PARTITION BY area_id, person_id ORDER BY mi)
)
SELECT w.area_id, w.person_id, w.mi, w.sessions, w.next_mi, w.la_code, w.nts_code, ws.next_s, ws.m1,
       CASE WHEN w.sessions >= 3 THEN w.mi
            WHEN w.sessions > 0 AND w.sessions + ws.s1 >= 3 THEN ws.m1
            WHEN w.sessions > 0 THEN ws.m2 END AS g
FROM w
LEFT JOIN ws USING (area_id, person_id, mi)
WHERE w.kind = 'new'
UNION ALL
SELECT * FROM single
