-- Distinct persons per area and period, as _9_reach_counts.sql counts them,
-- for an incremental computation: only the periods holding a month of
-- compute_dirty_months, the ones the reach indicators then rewrite (the
-- rows of the other periods' months, and their next months, have not
-- changed in a way that changes those periods' counts; see
-- _8e_area_person_months_seeds.sql). _9_reach_counts.sql counts rolling
-- windows from +1/−1 steps so as not to repeat every row in the 12 windows
-- holding it; for the few windows here (one for a new month), a window is
-- counted like any period: a person counts once, on their last row in it
-- (next month after its end), with the latest attribute if it was known
-- within it. area_person_months starts 11 months before the first dirty
-- month, with the earliest period holding it.
INSERT INTO reach_counts
WITH dirty AS (
    SELECT p.period_id, p.period_type, p.period_start, p.mi, p.start_mi, p.end_mi
    FROM period_index p
    WHERE (p.period_type, p.period_start) IN (
        SELECT period_type, period_start FROM periods
        WHERE month_start IN (SELECT month_start FROM compute_dirty_months))
),
last_rows AS (
    -- A row whose next month is not after the earliest end of these
    -- periods is the last of no person in any of them.
    SELECT area_id, mi, next_mi, la_code, nts_code
    FROM area_person_months
    WHERE next_mi IS NULL OR next_mi > (SELECT min(end_mi) FROM dirty)
),
counts AS (
    SELECT a.area_id, p.period_id, count(*) AS persons,
           count(*) FILTER (WHERE a.la_code // 2 >= p.start_mi) AS la_known,
           count(*) FILTER (WHERE a.la_code // 2 >= p.start_mi AND a.la_code % 2 = 1) AS la_yes,
           count(*) FILTER (WHERE a.nts_code // 2 >= p.start_mi) AS nts_known,
           count(*) FILTER (WHERE a.nts_code // 2 >= p.start_mi AND a.nts_code % 2 = 1) AS nts_yes
    FROM last_rows a
    JOIN dirty p ON p.mi = a.mi
    WHERE a.next_mi IS NULL OR a.next_mi > p.end_mi
    GROUP BY a.area_id, p.period_id
)
SELECT a.area_level, a.area_code, p.period_type, p.period_start,
       c.persons, c.la_known, c.la_yes, c.nts_known, c.nts_yes
FROM counts c
JOIN area_index a USING (area_id)
JOIN (SELECT DISTINCT period_id, period_type, period_start FROM dirty) p USING (period_id)
