-- name: ReadITS :many
-- Stored interrupted time series (outreach models and placebo tests),
-- filtered by area code (NULL parameter = any).
SELECT area_level, area_code, coalesce(placebo, false) AS placebo, status, coalesce(reason, '') AS reason,
       outreach_start, months_before, months_after, seasonal, slope_change,
       level_rr, level_ci_low, level_ci_high, level_p,
       slope_rr_year, slope_ci_low, slope_ci_high, slope_p, pretrend_rr_year, phi,
       coalesce(model, 'its') AS model, coalesce(inference, 'quasi_poisson') AS inference,
       coalesce(clusters, 1) AS clusters, coalesce(t_df, 0) AS t_df
FROM crisis_its
WHERE ($area_code IS NULL OR area_code = $area_code)
ORDER BY area_level, area_code, placebo
