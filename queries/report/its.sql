-- name: ReportITS :one
SELECT status, coalesce(reason, ''), outreach_start, months_before, months_after,
       level_rr, level_ci_low, level_ci_high, slope_rr_year, slope_ci_low, slope_ci_high, phi,
       coalesce(placebo, false)
FROM crisis_its
WHERE area_level = $area_level AND area_code = $area_code;
