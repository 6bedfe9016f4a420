-- name: CompareInsertITS :exec
-- A snapshot's crisis models (level change), area codes qualified by its centre.
-- %[1]s is its quoted alias.
INSERT INTO cmp.main.crisis_its
SELECT $centre_id, area_level, $centre_id || ':' || area_code, model, coalesce(placebo, false), status, reason, inference,
       clusters, t_df, level_rr, level_ci_low, level_ci_high, level_p
FROM %[1]s.main.crisis_its
ORDER BY area_level, area_code, model, placebo
