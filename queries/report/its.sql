-- name: ReportITS :one
SELECT status, coalesce(reason, ''), outreach_start, months_before, months_after,
       level_rr, level_ci_low, level_ci_high, slope_rr_year, slope_ci_low, slope_ci_high, phi,
       coalesce(placebo, false), coalesce(model, 'its'), coalesce(inference, 'quasi_poisson'),
       coalesce(clusters, 1), coalesce(t_df, 0)
FROM crisis_its
WHERE area_level = $area_level AND area_code = $area_code;
