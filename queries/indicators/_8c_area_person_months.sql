-- Rewrites compute_area_person_months, emptied before, in a full
-- computation (an incremental one updates it: _8e_area_person_months_*.sql);
-- the reach and group indicators read it through the view
-- area_person_months (_8f_area_person_months_full.sql). Written straight
-- into the kept table: a scratch table copied into it cost 1-3 s more of
-- CPU at scale 10, and the indicators read the kept table as fast. One row per
-- area, person and month in which the person was reached in the area, with
-- what the reach and group indicators need of the person's other months,
-- computed by windows over (area, person, month):
--   next_mi   the person's next month in the area (NULL: none);
--   la_code, nts_code   month × 2 + value of the latest known lives_alone /
--             new_to_services up to this month (NULL: never known so far).
--             A recency key ends with its value's bit (_6_contacts.sql) and
--             the greatest key of the month wins over the area's
--             neighbourhoods, so the latest month known carries the winner;
--   sessions  group sessions attended in the month (0: only met alone);
--   next_s    for a month with sessions, the next month with sessions
--             (NULL: none, or no sessions this month);
--   m1        for a month with sessions, the previous month with sessions
--             (NULL: none, or no sessions this month);
--   g         for a month with sessions, the latest month g such that the
--             sessions from g to this month number 3 or more (NULL: fewer
--             than 3 so far). Every month with sessions has at least one,
--             so g is this month or one of the two previous ones with sessions.
-- Each consumer then needs no per-period aggregate of persons: a person
-- counts once in a period, on their last row in it (next month after the
-- period's end), with the latest attribute if it was known within the
-- period, and as retained if g is not before the period's start.
-- Every month is read: the values above are those of the person's whole
-- history in the area.
INSERT INTO compute_area_person_months (area_id, person_id, mi, sessions, next_mi, la_code, nts_code, next_s, m1, g)
WITH cal AS (
    SELECT DISTINCT month_start, mi FROM period_index WHERE period_type = 'month'
),
am AS (
    -- A person has one contact per neighbourhood and month, so the
    -- neighbourhoods' rows need no aggregate (a quarter of the rows, and of
    -- the aggregate's cost).
    SELECT i.area_id, c.person_id, cal.mi, c.lives_alone_key AS la_key, c.new_key AS nts_key,
           c.group_sessions::INTEGER AS sessions
    FROM contacts c
    JOIN area_index i ON i.area_level = 'neighbourhood' AND i.area_code = c.neighbourhood
    JOIN cal USING (month_start)
    UNION ALL
    SELECT i.area_id, c.person_id, cal.mi,
           max(c.lives_alone_key) AS la_key, max(c.new_key) AS nts_key,
           sum(c.group_sessions)::INTEGER AS sessions
    FROM contacts c
    JOIN areas a USING (neighbourhood)
    JOIN area_index i USING (area_level, area_code)
    JOIN cal USING (month_start)
    WHERE a.area_level <> 'neighbourhood'
    GROUP BY i.area_id, c.person_id, cal.mi
),
w AS (
    -- The default frame (start of the partition to this month) makes the
    -- maxima running ones; months are unique within a partition. Window ws
    -- puts the months with sessions apart from the others, so that over
    -- those rows its lags and leads see only months with sessions, without
    -- IGNORE NULLS (which costs DuckDB several times more) and without
    -- joining a window over those rows alone back on (area, person, month)
    -- (that join took 1.2-1.6 s of CPU at scale 10).
    SELECT area_id, person_id, mi, sessions,
           lead(mi) OVER w AS next_mi,
           max(mi * 2 + (la_key & 1)::INTEGER) OVER w AS la_code,
           max(mi * 2 + (nts_key & 1)::INTEGER) OVER w AS nts_code,
           lead(mi) OVER ws AS next_s,
           lag(mi) OVER ws AS m1,
           lag(sessions) OVER ws AS s1,
           lag(mi, 2) OVER ws AS m2
    FROM am
    WINDOW w AS (PARTITION BY area_id, person_id ORDER BY mi),
           ws AS (PARTITION BY area_id, person_id, sessions > 0 ORDER BY mi)
)
SELECT area_id, person_id, mi, sessions, next_mi, la_code, nts_code,
       CASE WHEN sessions > 0 THEN next_s END AS next_s,
       CASE WHEN sessions > 0 THEN m1 END AS m1,
       CASE WHEN sessions >= 3 THEN mi
            WHEN sessions > 0 AND sessions + s1 >= 3 THEN m1
            WHEN sessions > 0 THEN m2 END AS g
FROM w
