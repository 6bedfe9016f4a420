-- De-duplicates the facts of a distinct-count indicator by neighbourhood
-- and month, for the months of compute_dirty_months, into
-- compute_month_distinct, which _distinct.sql then counts. The Go wrapper
-- puts the indicator's file first as "WITH f_all AS (...)", then f, its
-- facts of those months (_month_facts_dirty.sql, or _month_facts_range.sql
-- when every calendar month is dirty); _month_distinct_delete.sql has
-- deleted the rows of those months.
SELECT DISTINCT $indicator, neighbourhood, month_of(day) AS month_start, x::VARCHAR
FROM f
