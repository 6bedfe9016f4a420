-- Deletes the values of $indicator in the periods of the grid as this
-- connection sees it: the periods _narrow_periods.sql kept, or every one.
DELETE FROM indicator_values v
WHERE v.indicator = $indicator
  AND EXISTS (SELECT 1 FROM area_periods g
              WHERE g.period_type = v.period_type AND g.period_start = v.period_start)
