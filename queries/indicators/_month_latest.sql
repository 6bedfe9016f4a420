-- The latest day of the facts of a freshness indicator by neighbourhood
-- and month, for the months of compute_dirty_months, into
-- compute_month_latest, which _latest.sql then reads. The Go wrapper puts
-- the indicator's file first as "WITH f_all AS (...)", then f, its facts of
-- those months (_month_facts_dirty.sql, or _month_facts_range.sql when
-- every calendar month is dirty); _month_latest_delete.sql has deleted the
-- rows of those months.
SELECT $indicator, neighbourhood, month_of(day) AS month_start, max(day)
FROM f
GROUP BY neighbourhood, month_of(day)
