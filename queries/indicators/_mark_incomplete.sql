-- name: MarkIncompletePeriods :exec
-- Mark provisional the values of the periods the calendar does not fully
-- cover (area_periods.complete = false: a quarter, fiscal year or rolling
-- window cut by the first month of data, whose months area_periods.months
-- counts). Runs once after every indicator has been written, so that no
-- indicator file has to carry it.
UPDATE indicator_values v
SET provisional = true
FROM area_periods ap
WHERE NOT ap.complete AND NOT v.provisional
  AND ap.area_level = v.area_level AND ap.area_code = v.area_code
  AND ap.period_type = v.period_type AND ap.period_start = v.period_start
