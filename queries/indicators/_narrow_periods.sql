-- The periods an incremental computation rewrites, as a temporary table
-- that hides the calendar's periods from the indicator files on this
-- connection (DuckDB resolves a name in the temporary schema first), so
-- that they compute and write those periods only. $scope months: the
-- periods holding a month of compute_dirty_months; after: the periods
-- ending on or after the first of those months. The statement reads the
-- stored periods: the temporary table does not exist yet when it is bound.
CREATE TEMP TABLE periods AS
SELECT p.*
FROM periods p
SEMI JOIN (
    SELECT DISTINCT period_type, period_start
    FROM periods
    WHERE CASE $scope
          WHEN 'months' THEN month_start IN (SELECT month_start FROM compute_dirty_months)
          WHEN 'after' THEN period_end >= (SELECT min(month_start) FROM compute_dirty_months)
          END
) d USING (period_type, period_start)
ORDER BY p.period_type, p.period_start, p.month_start
