-- name: ReportBreakdown :many
-- One indicator's breakdown cells for one area and month.
SELECT breakdown, coalesce(value, 0)::BIGINT
FROM indicator_values
WHERE indicator = $indicator AND area_level = $area_level AND area_code = $area_code
  AND period_type = 'month' AND period_start = $month AND breakdown <> ''
ORDER BY breakdown;
