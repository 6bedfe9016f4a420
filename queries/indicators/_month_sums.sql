-- Sums the facts of a count or ratio indicator by neighbourhood, month and
-- cell, for the months of compute_dirty_months, into compute_month_sums,
-- which _rollup.sql then rolls up. The Go wrapper puts the indicator's file
-- first as "WITH f_all AS (...)", then f, its facts of those months
-- (_month_facts_dirty.sql, or _month_facts_range.sql when every calendar
-- month is dirty); _month_sums_delete.sql has deleted the rows of those
-- months. Facts must be integers: a sum of sums of doubles would depend on
-- their order, so another type stops the statement.
SELECT $indicator, neighbourhood, month_of(day) AS month_start, cell,
       CASE WHEN typeof(sum(num)) <> 'HUGEINT' OR typeof(sum(den)) NOT IN ('HUGEINT', 'NULL')
            THEN error('indicator ' || $indicator || ': facts must be integers, not ' || typeof(sum(num)) || ' / ' || typeof(sum(den)))
            ELSE sum(num) END,
       sum(den)
FROM f
GROUP BY neighbourhood, month_of(day), cell
