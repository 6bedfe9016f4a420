-- The facts of f_all (an indicator's file, put first by the Go wrapper of
-- _month_sums.sql and _month_distinct.sql) of the months of
-- compute_dirty_months; $lo and $hi bound them, so that the scans skip the
-- other months' row groups.
f AS (
    SELECT * FROM f_all
    WHERE day BETWEEN $lo::DATE AND $hi::DATE
      AND month_of(day) IN (SELECT month_start FROM compute_dirty_months)
)
