-- De-duplicates the facts of a distinct-count indicator by neighbourhood
-- and month, for the months of compute_dirty_months ($lo and $hi bound
-- them, so that the scans skip the other months' row groups), into
-- compute_month_distinct, which _distinct.sql then counts. The Go wrapper
-- puts the indicator's file first as "WITH f AS (...)"; _month_distinct_delete.sql
-- has deleted the rows of those months.
SELECT DISTINCT $indicator, neighbourhood, month_of(day) AS month_start, x::VARCHAR
FROM f
WHERE day BETWEEN $lo::DATE AND $hi::DATE
  AND month_of(day) IN (SELECT month_start FROM compute_dirty_months)
