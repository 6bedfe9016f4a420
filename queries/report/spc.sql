-- name: ReportSPC :many
SELECT indicator, month_start, value, centre, lower_limit, upper_limit,
       coalesce(assessment, ''), trial_limits
FROM spc_points
WHERE area_level = $area_level AND area_code = $area_code AND month_start <= $month
ORDER BY indicator, month_start;
