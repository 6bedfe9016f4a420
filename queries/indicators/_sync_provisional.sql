-- name: SyncProvisional :one
-- Every value is provisional exactly when its area and period are
-- (area_periods.provisional: a provisional month, or a period the calendar
-- does not fully cover). When the as-of month moves forward, months leave
-- the provisional window and periods become complete without their values
-- changing; an incremental computation, which rewrites only the periods
-- holding touched months, fixes their flags here. Returns the rows changed.
UPDATE indicator_values v
SET provisional = g.provisional
FROM area_periods g
WHERE g.area_level = v.area_level AND g.area_code = v.area_code
  AND g.period_type = v.period_type AND g.period_start = v.period_start
  AND v.provisional <> g.provisional
