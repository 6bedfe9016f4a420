-- Deletes the reach counts of the periods holding a month of
-- compute_dirty_months, which _9_reach_counts_dirty.sql then rewrites (the
-- counts of the other periods do not change).
DELETE FROM reach_counts r
WHERE (r.period_type, r.period_start) IN (
    SELECT period_type, period_start FROM periods
    WHERE month_start IN (SELECT month_start FROM compute_dirty_months))
