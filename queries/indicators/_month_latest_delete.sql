-- Deletes the rows of $indicator from compute_month_latest for the months
-- of compute_dirty_months and for the months the calendar no longer holds,
-- before _month_latest.sql rewrites them.
DELETE FROM compute_month_latest
WHERE indicator = $indicator
  AND (month_start IN (SELECT month_start FROM compute_dirty_months)
       OR month_start NOT IN (SELECT month_start FROM months))
