-- Sums the facts of a count or ratio indicator by neighbourhood, month and
-- cell, for the months of compute_dirty_months ($lo and $hi bound them, so
-- that the scans skip the other months' row groups), into
-- compute_month_sums, which _rollup.sql then rolls up. The Go wrapper puts
-- the indicator's file first as "WITH f AS (...)"; _month_sums_delete.sql has
-- deleted the rows of those months. Facts must be integers: a sum of sums
-- of doubles would depend on their order, so another type stops the
-- statement.
SELECT $indicator, neighbourhood, month_of(day) AS month_start, cell,
       CASE WHEN typeof(sum(num)) <> 'HUGEINT' OR typeof(sum(den)) NOT IN ('HUGEINT', 'NULL')
            THEN error('indicator ' || $indicator || ': facts must be integers, not ' || typeof(sum(num)) || ' / ' || typeof(sum(den)))
            ELSE sum(num) END,
       sum(den)
FROM f
WHERE day BETWEEN $lo::DATE AND $hi::DATE
  AND month_of(day) IN (SELECT month_start FROM compute_dirty_months)
GROUP BY neighbourhood, month_of(day), cell
